import { DomainError, type AuthContext, type UserAuthContext } from '@tec/shared';

/**
 * Caller-level checks used by the RPC handlers. Object-level checks (which course, which student) live in
 * `CourseAccess`, next to the read model they need. Integrator API keys are not served by attendance yet.
 */
export function requireUser(auth: AuthContext): UserAuthContext {
  if (auth.kind === 'user') return auth;
  if (auth.kind === 'anonymous') throw new DomainError('UNAUTHENTICATED', 'Sign in first');
  throw DomainError.forbidden('Only signed-in users can do this');
}

export function isAdmin(auth: AuthContext): boolean {
  return auth.kind === 'user' && auth.role === 'admin';
}

/** Who did it, for audit columns: a user id, or null for jobs. */
export function actorUserId(auth: AuthContext): string | null {
  return auth.kind === 'user' ? auth.userId : null;
}
