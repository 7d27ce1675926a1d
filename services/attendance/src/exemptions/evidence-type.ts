import type { EVIDENCE_MIME_TYPES } from '@tec/shared';

export type EvidenceMimeType = (typeof EVIDENCE_MIME_TYPES)[number];

/** The file type from its first bytes; the client's file name and declared type are not trusted. */
export function sniffEvidenceType(bytes: Buffer): EvidenceMimeType | null {
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

/** Strict base64: Buffer.from() silently skips junk, so the round trip must match. */
export function decodeBase64(value: string): Buffer | null {
  const clean = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) return null;
  return Buffer.from(clean, 'base64');
}
