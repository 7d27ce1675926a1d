import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDomainError } from '../errors/domain-error';
import { signAccessToken, verifyAccessToken } from './jwt';
import { ensureDevKeys, generateDevKeyPair, loadPemKeyPair } from './keys';

const pair = generateDevKeyPair();
const settings = { issuer: 'tec-lms-core', audience: 'tec-lms' };
const identity = { userId: randomUUID(), role: 'student' as const, sessionId: randomUUID() };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
  return 'accepted';
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function claims(overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return { sub: identity.userId, role: 'admin', sid: identity.sessionId, iss: settings.issuer, aud: settings.audience, iat: now, exp: now + 900, ...overrides };
}

describe('access tokens', () => {
  const verify = (token: string, overrides: Partial<typeof settings> = {}) =>
    verifyAccessToken(token, { publicKey: pair.publicKeyPem, ...settings, ...overrides });

  it('round-trips the identity and expiry', async () => {
    const signed = await signAccessToken({ ...identity, privateKey: pair.privateKeyPem, ...settings, ttlSeconds: 900 });
    const verified = await verify(signed.token);
    expect(verified).toMatchObject({ kind: 'user', ...identity });
    expect(verified.expiresAt.getTime()).toBe(signed.expiresAt.getTime());
  });

  it('refuses an expired token with TOKEN_EXPIRED', async () => {
    const signed = await signAccessToken({
      ...identity,
      privateKey: pair.privateKeyPem,
      ...settings,
      ttlSeconds: 60,
      now: new Date(Date.now() - 3600_000),
    });
    expect(await codeOf(verify(signed.token))).toBe('TOKEN_EXPIRED');
  });

  it('refuses a tampered payload (role raised to admin)', async () => {
    const signed = await signAccessToken({ ...identity, privateKey: pair.privateKeyPem, ...settings, ttlSeconds: 900 });
    const [header, , signature] = signed.token.split('.');
    expect(await codeOf(verify(`${header}.${b64(claims())}.${signature}`))).toBe('TOKEN_INVALID');
  });

  it('refuses alg=none, with or without a signature', async () => {
    const header = b64({ alg: 'none', typ: 'JWT' });
    expect(await codeOf(verify(`${header}.${b64(claims())}.`))).toBe('TOKEN_INVALID');
    expect(await codeOf(verify(`${header}.${b64(claims())}.AAAA`))).toBe('TOKEN_INVALID');
  });

  it('refuses an HS256 token signed with the public key as the HMAC secret', async () => {
    const signingInput = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims())}`;
    const mac = createHmac('sha256', pair.publicKeyPem).update(signingInput).digest('base64url');
    expect(await codeOf(verify(`${signingInput}.${mac}`))).toBe('TOKEN_INVALID');
  });

  it('refuses a token signed by another key', async () => {
    const other = generateDevKeyPair();
    const signed = await signAccessToken({ ...identity, privateKey: other.privateKeyPem, ...settings, ttlSeconds: 900 });
    expect(await codeOf(verify(signed.token))).toBe('TOKEN_INVALID');
  });

  it('checks issuer and audience', async () => {
    const signed = await signAccessToken({ ...identity, privateKey: pair.privateKeyPem, ...settings, ttlSeconds: 900 });
    expect(await codeOf(verify(signed.token, { issuer: 'someone-else' }))).toBe('TOKEN_INVALID');
    expect(await codeOf(verify(signed.token, { audience: 'another-app' }))).toBe('TOKEN_INVALID');
  });

  it('refuses garbage', async () => {
    for (const token of ['', 'abc', 'a.b', 'a.b.c.d', '!!.??.**', 'x'.repeat(5000)]) {
      expect(await codeOf(verify(token))).toBe('TOKEN_INVALID');
    }
  });
});

describe('dev keys', () => {
  it('creates a matching pair once, private key readable by the owner only', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'keys-')), 'nested');
    const first = ensureDevKeys(dir);
    const second = ensureDevKeys(dir);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(readFileSync(second.privateKeyFile, 'utf8')).toBe(readFileSync(first.privateKeyFile, 'utf8'));
    expect(statSync(first.privateKeyFile).mode & 0o077).toBe(0);
    expect(() => loadPemKeyPair(first)).not.toThrow();
  });

  it('refuses a public key that does not match the private key', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'keys-'));
    const a = ensureDevKeys(path.join(dir, 'a'));
    const b = ensureDevKeys(path.join(dir, 'b'));
    expect(() => loadPemKeyPair({ privateKeyFile: a.privateKeyFile, publicKeyFile: b.publicKeyFile })).toThrow(/does not match/);
  });
});
