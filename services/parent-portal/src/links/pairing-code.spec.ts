import { PAIRING_CODE_ALPHABET, PairingCodeInput } from '@tec/shared';
import { generatePairingCode, hashPairingCode, isWellFormedCode } from './pairing-code';

describe('pairing codes', () => {
  it('draws 6 characters from the alphabet without look-alikes, spread over all of it', () => {
    const seen = new Set<string>();
    for (let index = 0; index < 2000; index += 1) {
      const code = generatePairingCode();
      expect(isWellFormedCode(code)).toBe(true);
      for (const char of code) seen.add(char);
    }
    expect(PAIRING_CODE_ALPHABET).not.toMatch(/[01OIL]/);
    expect(seen.size).toBe(PAIRING_CODE_ALPHABET.length);
  });

  it('normalises what people type and rejects what cannot be a code', () => {
    expect(PairingCodeInput.parse(' ab3-k9z ')).toBe('AB3K9Z');
    expect(isWellFormedCode('AB3K9Z')).toBe(true);
    expect(isWellFormedCode('AB3K9')).toBe(false);
    expect(isWellFormedCode('AB3K90')).toBe(false);
  });

  it('hashes with the key: same code, other key, other hash', () => {
    expect(hashPairingCode('AB3K9Z', 'a'.repeat(32)).equals(hashPairingCode('AB3K9Z', 'a'.repeat(32)))).toBe(true);
    expect(hashPairingCode('AB3K9Z', 'a'.repeat(32)).equals(hashPairingCode('AB3K9Z', 'b'.repeat(32)))).toBe(false);
  });
});
