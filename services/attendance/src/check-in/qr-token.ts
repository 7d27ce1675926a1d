import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Rotating check-in tokens: `<session id, hex>.<window, base36>.<signature>`. The window is the number of
 * `rotationSeconds` periods since the epoch; the signature is HMAC-SHA256 (truncated to 128 bits) under the
 * service key over the session id, the window and the session's own random secret. A token is bound to its
 * session (change the id and the signature fails), goes stale after its window plus `graceSeconds`, and needs no
 * storage: any instance verifies it with the server clock.
 */
export interface QrClock {
  rotationSeconds: number;
  graceSeconds: number;
}

export interface ParsedToken {
  sessionId: string;
  window: number;
  signature: string;
}

export type TokenVerdict = 'valid' | 'expired' | 'invalid';

const TOKEN = /^([0-9a-f]{32})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/;
/** Clocks of phones and servers differ a little; a token from slightly in the future is still fine. */
const FUTURE_SKEW_MS = 2_000;

function sign(key: string, sessionId: string, window: number, sessionSecret: Buffer): string {
  return createHmac('sha256', key).update(`${sessionId}.${window}.`).update(sessionSecret).digest().subarray(0, 16).toString('base64url');
}

export function currentWindow(now: Date, clock: QrClock): number {
  return Math.floor(now.getTime() / (clock.rotationSeconds * 1000));
}

export function issueToken(key: string, sessionId: string, sessionSecret: Buffer, now: Date, clock: QrClock) {
  const window = currentWindow(now, clock);
  const compactId = sessionId.replace(/-/g, '');
  const token = `${compactId}.${window.toString(36)}.${sign(key, sessionId, window, sessionSecret)}`;
  const windowEnds = (window + 1) * clock.rotationSeconds * 1000;
  return { token, expiresAt: new Date(windowEnds + clock.graceSeconds * 1000), refreshAfterMs: Math.max(0, windowEnds - now.getTime()) };
}

/** Null when the token is not even shaped like one of ours. */
export function parseToken(token: string): ParsedToken | null {
  const match = TOKEN.exec(token.trim());
  if (!match) return null;
  const hex = match[1]!;
  const sessionId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const window = parseInt(match[2]!, 36);
  if (!Number.isSafeInteger(window)) return null;
  return { sessionId, window, signature: match[3]! };
}

export function verifyToken(key: string, parsed: ParsedToken, sessionSecret: Buffer, now: Date, clock: QrClock): TokenVerdict {
  const expected = Buffer.from(sign(key, parsed.sessionId, parsed.window, sessionSecret));
  const given = Buffer.from(parsed.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  const windowStarts = parsed.window * clock.rotationSeconds * 1000;
  if (windowStarts > now.getTime() + FUTURE_SKEW_MS) return 'invalid';
  const acceptedUntil = windowStarts + (clock.rotationSeconds + clock.graceSeconds) * 1000;
  return now.getTime() > acceptedUntil ? 'expired' : 'valid';
}
