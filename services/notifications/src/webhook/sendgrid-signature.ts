import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** The Event Webhook's verification key as SendGrid shows it (base64 of the DER SubjectPublicKeyInfo), or a PEM. */
export function parseWebhookPublicKey(value: string): KeyObject {
  const trimmed = value.trim();
  if (trimmed.startsWith('-----BEGIN')) return createPublicKey(trimmed);
  return createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
}

export type SignatureCheck = 'valid' | 'missing' | 'forged' | 'stale';

/**
 * SendGrid signs `timestamp + raw body` with ECDSA P-256 / SHA-256 (DER signature, base64) in
 * `X-Twilio-Email-Event-Webhook-Signature`, the timestamp in `…-Timestamp`. The bytes must be the raw body:
 * re-serialized JSON would not verify. A timestamp outside the tolerance is a replay, whatever the signature.
 */
export function checkSendGridSignature(
  key: KeyObject,
  headers: Record<string, string>,
  rawBody: Buffer,
  toleranceSeconds: number,
  now = Date.now(),
): SignatureCheck {
  const signature = headers['x-twilio-email-event-webhook-signature'];
  const timestamp = headers['x-twilio-email-event-webhook-timestamp'];
  if (!signature || !timestamp) return 'missing';
  let ok = false;
  try {
    ok = verify('sha256', Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]), { key, dsaEncoding: 'der' }, Buffer.from(signature, 'base64'));
  } catch {
    ok = false;
  }
  if (!ok) return 'forged';
  const seconds = Number(timestamp);
  if (!Number.isFinite(seconds) || Math.abs(now / 1000 - seconds) > toleranceSeconds) return 'stale';
  return 'valid';
}
