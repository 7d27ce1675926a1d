/**
 * Where to go after signing in. Only same-app paths are accepted: `?next=//evil.example` or an absolute URL
 * would turn the login page into an open redirect.
 */
export function safeReturnPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login')) return '/';
  return next;
}

export function loginPathFor(location: { pathname: string; search: string; hash: string }): string {
  const current = `${location.pathname}${location.search}${location.hash}`;
  return current === '/' ? '/login' : `/login?next=${encodeURIComponent(current)}`;
}
