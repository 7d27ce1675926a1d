import { randomBytes, randomUUID } from 'node:crypto';
import { issueToken, parseToken, verifyToken } from './qr-token';

const KEY = 'k'.repeat(40);
const clock = { rotationSeconds: 15, graceSeconds: 5 };
const sessionId = randomUUID();
const secret = randomBytes(32);
const windowStart = new Date(Math.floor(Date.UTC(2025, 2, 3, 9, 0, 0) / 15_000) * 15_000);
const at = (offsetMs: number) => new Date(windowStart.getTime() + offsetMs);

function verdictAt(issuedAt: Date, checkedAt: Date, key = KEY, sessionSecret = secret) {
  const { token } = issueToken(KEY, sessionId, secret, issuedAt, clock);
  return verifyToken(key, parseToken(token)!, sessionSecret, checkedAt, clock);
}

describe('QR token', () => {
  it('carries its session id and rotates every window', () => {
    const first = issueToken(KEY, sessionId, secret, at(1_000), clock);
    const same = issueToken(KEY, sessionId, secret, at(14_000), clock);
    const next = issueToken(KEY, sessionId, secret, at(15_000), clock);
    expect(first.token).toBe(same.token);
    expect(next.token).not.toBe(first.token);
    expect(parseToken(first.token)!.sessionId).toBe(sessionId);
    expect(first.refreshAfterMs).toBe(14_000);
    expect(first.expiresAt.getTime()).toBe(windowStart.getTime() + 20_000);
  });

  it('is valid in its window and the grace after it, then expired', () => {
    expect(verdictAt(at(0), at(14_999))).toBe('valid');
    expect(verdictAt(at(0), at(19_999))).toBe('valid'); // previous token, inside the 5 s grace
    expect(verdictAt(at(0), at(20_001))).toBe('expired');
    expect(verdictAt(at(0), at(3_600_000))).toBe('expired');
  });

  it('is invalid under another key, another session secret, or from the future', () => {
    expect(verdictAt(at(0), at(1_000), 'x'.repeat(40))).toBe('invalid');
    expect(verdictAt(at(0), at(1_000), KEY, randomBytes(32))).toBe('invalid');
    expect(verdictAt(at(30_000), at(0))).toBe('invalid');
  });

  it('parses only well-formed tokens', () => {
    expect(parseToken('')).toBeNull();
    expect(parseToken('abc.def.ghi')).toBeNull();
    expect(parseToken(`${'g'.repeat(32)}.1.${'A'.repeat(22)}`)).toBeNull();
  });
});
