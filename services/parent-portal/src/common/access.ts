import { DomainError, type AuthContext, type Role, type UserAuthContext } from '@tec/shared';

/**
 * Caller-level checks for the RPC handlers. Object-level checks (which child, which link) live in the services,
 * next to the read model they need. Integrator API keys are not served by the parent portal.
 */
export function requireUser(auth: AuthContext, ...roles: Role[]): UserAuthContext {
  if (auth.kind === 'anonymous') throw new DomainError('UNAUTHENTICATED', 'Sign in first');
  if (auth.kind !== 'user') throw DomainError.forbidden('Only signed-in users can do this');
  if (roles.length > 0 && !roles.includes(auth.role)) throw DomainError.forbidden(`Only ${roles.join(' or ')} accounts can do this`);
  return auth;
}
