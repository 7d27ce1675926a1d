import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Zoom webhook security (https://developers.zoom.us/docs/api/webhooks/#verify-webhook-events):
 * `x-zm-signature` = `v0=` + hex HMAC-SHA256(secret token, `v0:{x-zm-request-timestamp}:{raw body}`), compared in
 * constant time; the timestamp (seconds) must be within the tolerance so a captured request can't be replayed later.
 */
export function zoomSignature(secretToken: string, timestamp: string, rawBody: Buffer | string): string {
  const hmac = createHmac('sha256', secretToken);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(rawBody);
  return `v0=${hmac.digest('hex')}`;
}

export type SignatureCheck = 'valid' | 'missing' | 'forged' | 'stale';

export function verifyZoomSignature(
  secretToken: string,
  headers: Record<string, string>,
  rawBody: Buffer,
  now: number,
  toleranceSeconds: number,
): SignatureCheck {
  const signature = headers['x-zm-signature'];
  const timestamp = headers['x-zm-request-timestamp'];
  if (!signature || !timestamp || !secretToken) return 'missing';
  if (!/^\d{1,13}$/.test(timestamp)) return 'forged';
  const expected = Buffer.from(zoomSignature(secretToken, timestamp, rawBody));
  const given = Buffer.from(signature);
  // Length first: timingSafeEqual throws on different lengths, and the length of a hex digest is not a secret.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
  if (Math.abs(now / 1000 - Number(timestamp)) > toleranceSeconds) return 'stale';
  return 'valid';
}

/** `endpoint.url_validation`: `encryptedToken` = hex HMAC-SHA256(secret token, plainToken). */
export function urlValidationResponse(secretToken: string, plainToken: string): { plainToken: string; encryptedToken: string } {
  return { plainToken, encryptedToken: createHmac('sha256', secretToken).update(plainToken).digest('hex') };
}
