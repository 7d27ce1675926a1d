import { DomainError, type AuthContext, type UserAuthContext } from '@tec/shared';

/** Caller-level checks used by the RPC handlers. Object-level checks (which course, which class) live in `CourseAccess`. */
export function requireUser(auth: AuthContext): UserAuthContext {
  if (auth.kind === 'user') return auth;
  if (auth.kind === 'anonymous') throw new DomainError('UNAUTHENTICATED', 'Sign in first');
  throw DomainError.forbidden('Only signed-in users can do this');
}

export function requireService(auth: AuthContext): void {
  if (auth.kind !== 'service') throw DomainError.forbidden('Only platform services can call this');
}

export function isAdmin(auth: AuthContext): boolean {
  return auth.kind === 'user' && auth.role === 'admin';
}

export function actorUserId(auth: AuthContext): string | null {
  return auth.kind === 'user' ? auth.userId : null;
}
