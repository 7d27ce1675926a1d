import { createHmac, randomInt } from 'node:crypto';
import { PAIRING_CODE_ALPHABET, PAIRING_CODE_LENGTH } from '@tec/shared';

/** Six characters drawn uniformly (crypto.randomInt) from the unambiguous alphabet: 31^6 ≈ 887 million codes. */
export function generatePairingCode(): string {
  let code = '';
  for (let index = 0; index < PAIRING_CODE_LENGTH; index += 1) code += PAIRING_CODE_ALPHABET[randomInt(PAIRING_CODE_ALPHABET.length)];
  return code;
}

/** What is stored: HMAC-SHA256 under a server secret, so a leaked table can't be brute-forced offline. */
export function hashPairingCode(code: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(code).digest();
}

/** True when the normalised input can be a code at all (wrong length or letters fail without a lookup, but still count). */
export function isWellFormedCode(code: string): boolean {
  if (code.length !== PAIRING_CODE_LENGTH) return false;
  for (const char of code) if (!PAIRING_CODE_ALPHABET.includes(char)) return false;
  return true;
}
