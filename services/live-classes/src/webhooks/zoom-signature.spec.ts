import { createHmac } from 'node:crypto';
import { urlValidationResponse, verifyZoomSignature, zoomSignature } from './zoom-signature';

const secret = 'wh-secret-token';
const body = Buffer.from('{"event":"meeting.started","payload":{"object":{"id":"123"}}}');
const now = 1_760_000_000_000;
const ts = String(now / 1000);

function headers(signature: string, timestamp = ts): Record<string, string> {
  return { 'x-zm-signature': signature, 'x-zm-request-timestamp': timestamp };
}

describe('Zoom webhook signature', () => {
  it('matches the documented construction v0=HMAC_SHA256(secret, "v0:{ts}:{body}") in hex', () => {
    const expected = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body.toString()}`).digest('hex')}`;
    expect(zoomSignature(secret, ts, body)).toBe(expected);
  });

  it('accepts a valid signature', () => {
    expect(verifyZoomSignature(secret, headers(zoomSignature(secret, ts, body)), body, now, 300)).toBe('valid');
  });

  it('refuses a forged signature, a tampered body, another secret and a missing header', () => {
    expect(verifyZoomSignature(secret, headers(zoomSignature('other-secret', ts, body)), body, now, 300)).toBe('forged');
    expect(verifyZoomSignature(secret, headers(zoomSignature(secret, ts, body)), Buffer.from(body.toString().replace('123', '124')), now, 300)).toBe('forged');
    expect(verifyZoomSignature(secret, headers('v0=abc'), body, now, 300)).toBe('forged');
    expect(verifyZoomSignature(secret, { 'x-zm-request-timestamp': ts }, body, now, 300)).toBe('missing');
    expect(verifyZoomSignature('', headers(zoomSignature('', ts, body)), body, now, 300)).toBe('missing');
  });

  it('refuses a stale (replayed) or future timestamp even with a valid signature', () => {
    const old = String(now / 1000 - 301);
    expect(verifyZoomSignature(secret, headers(zoomSignature(secret, old, body), old), body, now, 300)).toBe('stale');
    const future = String(now / 1000 + 400);
    expect(verifyZoomSignature(secret, headers(zoomSignature(secret, future, body), future), body, now, 300)).toBe('stale');
  });

  it('answers url_validation with the HMAC of the plain token', () => {
    expect(urlValidationResponse(secret, 'qgg8vlvZRS6UYooatFL8Aw')).toEqual({
      plainToken: 'qgg8vlvZRS6UYooatFL8Aw',
      encryptedToken: createHmac('sha256', secret).update('qgg8vlvZRS6UYooatFL8Aw').digest('hex'),
    });
  });
});
