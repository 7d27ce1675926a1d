import { DomainError, type AuthContext, type UserAuthContext } from '@tec/shared';

/** Caller-level checks for the RPC handlers; object scoping is in the repositories (the owner is in every query). */
export function requireUser(auth: AuthContext): UserAuthContext {
  if (auth.kind === 'user') return auth;
  if (auth.kind === 'anonymous') throw new DomainError('UNAUTHENTICATED', 'Sign in first');
  throw DomainError.forbidden('Only signed-in users have notifications');
}

export function requireAdmin(auth: AuthContext): UserAuthContext {
  const user = requireUser(auth);
  if (user.role !== 'admin') throw DomainError.forbidden('Only admins can manage email');
  return user;
}

/** Admins, or a platform caller (the internal trigger behind `x-api-key` = INTERNAL_API_SECRET). */
export function requireAdminOrService(auth: AuthContext): void {
  if (auth.kind === 'service') return;
  requireAdmin(auth);
}

export function requireService(auth: AuthContext): void {
  if (auth.kind !== 'service') throw DomainError.forbidden('Only platform services can do this');
}
