import { createPublicKey, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDomainError } from '../errors/domain-error';
import { signAccessToken, verifyAccessToken } from './jwt';
import { accessTokenKeyId, generateDevKeyPair, loadPemKeyPair, parsePublicKeys } from './keys';

// Rotating the access-token key without signing anyone out (docs/operations.md): tokens carry `kid`, the RFC 7638
// thumbprint of their key, and verifiers trust every key in JWT_PUBLIC_KEY_FILE while old tokens live out.
const settings = { issuer: 'tec-lms-core', audience: 'tec-lms' };
const identity = { userId: randomUUID(), role: 'teacher' as const, sessionId: randomUUID() };
const oldPair = generateDevKeyPair();
const newPair = generateDevKeyPair();
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    if (isDomainError(error)) return `${error.code}:${String((error.details as { reason?: string } | undefined)?.reason)}`;
    throw error;
  }
}

const signWith = (privateKey: string) => signAccessToken({ ...identity, privateKey, ...settings, ttlSeconds: 900 }).then((signed) => signed.token);
const headerOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;

describe('access-token key rotation (kid)', () => {
  it('names the key in the header by its RFC 7638 thumbprint', async () => {
    const token = await signWith(oldPair.privateKeyPem);
    expect(headerOf(token)).toEqual({ alg: 'ES256', typ: 'JWT', kid: accessTokenKeyId(oldPair.publicKeyPem) });
    // The thumbprint of the private key's public half is the public key's.
    expect(accessTokenKeyId(oldPair.privateKeyPem)).toBe(accessTokenKeyId(createPublicKey(oldPair.publicKeyPem)));
    expect(accessTokenKeyId(oldPair.publicKeyPem)).not.toBe(accessTokenKeyId(newPair.publicKeyPem));
    expect(accessTokenKeyId(oldPair.publicKeyPem)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('verifies tokens of the old and the new key while both are trusted, and only the new one after', async () => {
    const both = `${newPair.publicKeyPem}\n${oldPair.publicKeyPem}`;
    expect(parsePublicKeys(both)).toHaveLength(2);
    const oldToken = await signWith(oldPair.privateKeyPem);
    const newToken = await signWith(newPair.privateKeyPem);
    for (const publicKey of [both, parsePublicKeys(both)]) {
      expect(await codeOf(verifyAccessToken(oldToken, { publicKey, ...settings }))).toBe('accepted');
      expect(await codeOf(verifyAccessToken(newToken, { publicKey, ...settings }))).toBe('accepted');
    }
    expect(await codeOf(verifyAccessToken(oldToken, { publicKey: newPair.publicKeyPem, ...settings }))).toBe('TOKEN_INVALID:unknown key');
    expect(await codeOf(verifyAccessToken(newToken, { publicKey: newPair.publicKeyPem, ...settings }))).toBe('accepted');
  });

  it('refuses a kid that points at a trusted key the token was not signed with, and a malformed kid', async () => {
    const token = await signWith(oldPair.privateKeyPem);
    const [, claims, signature] = token.split('.');
    const both = `${newPair.publicKeyPem}${oldPair.publicKeyPem}`;
    const swapped = `${b64({ alg: 'ES256', typ: 'JWT', kid: accessTokenKeyId(newPair.publicKeyPem) })}.${claims}`;
    // Re-signing is impossible without the key: reuse the old signature under the new kid.
    expect(await codeOf(verifyAccessToken(`${swapped}.${signature}`, { publicKey: both, ...settings }))).toBe('TOKEN_INVALID:bad signature');
    const numeric = `${b64({ alg: 'ES256', typ: 'JWT', kid: 7 })}.${claims}`;
    expect(await codeOf(verifyAccessToken(`${numeric}.${signature}`, { publicKey: both, ...settings }))).toBe('TOKEN_INVALID:malformed kid');
  });

  it('still verifies a token signed before kids existed, against any trusted key', async () => {
    const now = Math.floor(Date.now() / 1000);
    const input = `${b64({ alg: 'ES256', typ: 'JWT' })}.${b64({ sub: identity.userId, role: 'teacher', sid: identity.sessionId, ...{ iss: settings.issuer, aud: settings.audience }, iat: now, exp: now + 600 })}`;
    const signature = sign('sha256', Buffer.from(input), { key: oldPair.privateKeyPem, dsaEncoding: 'ieee-p1363' }).toString('base64url');
    expect(await codeOf(verifyAccessToken(`${input}.${signature}`, { publicKey: `${newPair.publicKeyPem}${oldPair.publicKeyPem}`, ...settings }))).toBe('accepted');
    expect(await codeOf(verifyAccessToken(`${input}.${signature}`, { publicKey: newPair.publicKeyPem, ...settings }))).toBe('TOKEN_INVALID:bad signature');
  });

  it('lets core boot with a public file of several keys when its private key matches one, and not otherwise', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tec-rotation-'));
    const write = (name: string, content: string) => {
      writeFileSync(path.join(dir, name), content);
      return path.join(dir, name);
    };
    const publicKeyFile = write('public.pem', `${newPair.publicKeyPem}${oldPair.publicKeyPem}`);
    const loaded = loadPemKeyPair({ privateKeyFile: write('old.pem', oldPair.privateKeyPem), publicKeyFile });
    expect(accessTokenKeyId(loaded.publicKey)).toBe(accessTokenKeyId(oldPair.publicKeyPem));
    expect(accessTokenKeyId(loadPemKeyPair({ privateKeyFile: write('new.pem', newPair.privateKeyPem), publicKeyFile }).publicKey)).toBe(accessTokenKeyId(newPair.publicKeyPem));
    const stranger = generateDevKeyPair();
    expect(() => loadPemKeyPair({ privateKeyFile: write('stranger.pem', stranger.privateKeyPem), publicKeyFile })).toThrow(/does not match/);
    expect(() => parsePublicKeys('no key here')).toThrow(/BEGIN PUBLIC KEY/);
  });
});
