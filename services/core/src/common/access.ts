import { DomainError, type ApiKeyScope, type AuthContext, type Role, type UserAuthContext } from '@tec/shared';

/**
 * Caller-level checks used by the RPC handlers. Object-level checks (which course, which student) live
 * in the services, next to the data they need.
 */
export function requireUser(auth: AuthContext): UserAuthContext {
  if (auth.kind === 'user') return auth;
  if (auth.kind === 'anonymous') throw new DomainError('UNAUTHENTICATED', 'Sign in first');
  throw DomainError.forbidden('Only signed-in users can do this');
}

export function isAdmin(auth: AuthContext): boolean {
  return auth.kind === 'user' && auth.role === 'admin';
}

export function hasScope(auth: AuthContext, scope: ApiKeyScope): boolean {
  return auth.kind === 'api_key' && auth.scopes.includes(scope);
}

export function requireRole(auth: AuthContext, ...roles: Role[]): UserAuthContext {
  const user = requireUser(auth);
  if (!roles.includes(user.role)) throw DomainError.forbidden();
  return user;
}

/** Admins, or integrators holding every listed scope. */
export function requireAdminOrScopes(auth: AuthContext, ...scopes: ApiKeyScope[]): void {
  if (isAdmin(auth)) return;
  if (auth.kind === 'api_key') {
    const missing = scopes.filter((scope) => !auth.scopes.includes(scope));
    if (missing.length === 0) return;
    throw new DomainError('INSUFFICIENT_SCOPE', `This API key lacks the scope ${missing.join(', ')}`, { missing });
  }
  if (auth.kind === 'anonymous') throw new DomainError('UNAUTHENTICATED', 'Sign in first');
  throw DomainError.forbidden();
}

/** Internal callers only (the gateway verifying an API key). */
export function requireService(auth: AuthContext): void {
  if (auth.kind !== 'service') throw DomainError.forbidden('Only platform services can do this');
}

/** Who did it, for audit columns: a user id, or null for integrators and jobs. */
export function actorUserId(auth: AuthContext): string | null {
  return auth.kind === 'user' ? auth.userId : null;
}
