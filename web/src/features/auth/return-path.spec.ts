import { loginPathFor, safeReturnPath } from './return-path';

describe('the return path after sign-in', () => {
  it('keeps same-app paths, with their query and hash', () => {
    expect(safeReturnPath('/courses/42?tab=roster#top')).toBe('/courses/42?tab=roster#top');
  });

  it.each([null, undefined, '', 'https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '/login?next=/x'])(
    'refuses %p (no open redirect, no loop back to login)',
    (next) => {
      expect(safeReturnPath(next)).toBe('/');
    },
  );

  it('sends a signed-out visitor to login with where they were going', () => {
    expect(loginPathFor({ pathname: '/', search: '', hash: '' })).toBe('/login');
    expect(loginPathFor({ pathname: '/users', search: '?search=ana', hash: '' })).toBe('/login?next=%2Fusers%3Fsearch%3Dana');
    expect(safeReturnPath(decodeURIComponent('%2Fusers%3Fsearch%3Dana'))).toBe('/users?search=ana');
  });
});
