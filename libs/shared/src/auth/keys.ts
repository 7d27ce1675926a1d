import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface PemKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

export interface AccessTokenKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function toPrivateKey(key: KeyObject | string): KeyObject {
  return typeof key === 'string' ? createPrivateKey(key) : key;
}

/** Accepts a public key, or a private key (its public half is derived). */
export function toPublicKey(key: KeyObject | string): KeyObject {
  if (typeof key === 'string') return createPublicKey(key);
  return key.type === 'private' ? createPublicKey(key) : key;
}

/** ES256 means ECDSA on P-256; any other key is a configuration error, not a token error. */
export function assertP256(key: KeyObject): void {
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('Access-token keys must be EC P-256 (ES256)');
  }
}

const keyIds = new WeakMap<KeyObject, string>();

/**
 * The key's `kid`: its RFC 7638 JWK thumbprint (SHA-256 over the required members in lexicographic order), from
 * the public half. Core puts it in every access token's header; verifiers pick the key by it during a rotation.
 */
export function accessTokenKeyId(key: KeyObject | string): string {
  const cached = typeof key === 'string' ? undefined : keyIds.get(key);
  if (cached) return cached;
  const publicKey = toPublicKey(key);
  assertP256(publicKey);
  const jwk = publicKey.export({ format: 'jwk' });
  const kid = createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y })).digest('base64url');
  if (typeof key !== 'string') keyIds.set(key, kid);
  return kid;
}

const PUBLIC_KEY_BLOCK = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g;

/**
 * Every public key in a PEM text, in order: during a rotation JWT_PUBLIC_KEY_FILE holds the new key and the old one
 * (docs/operations.md), so tokens signed with either verify. Each must be P-256; none at all is an error.
 */
export function parsePublicKeys(pem: string): KeyObject[] {
  const blocks = pem.match(PUBLIC_KEY_BLOCK) ?? [];
  if (blocks.length === 0) throw new Error('JWT_PUBLIC_KEY_FILE: no "BEGIN PUBLIC KEY" block found');
  return blocks.map((block) => {
    const key = createPublicKey(block);
    assertP256(key);
    return key;
  });
}

/** A fresh P-256 pair as PEM (PKCS#8 private, SPKI public). For development and tests. */
export function generateDevKeyPair(): PemKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

function readPem(file: string, variable: string): string {
  try {
    return readFileSync(path.resolve(file), 'utf8');
  } catch {
    throw new Error(`${variable}: cannot read ${path.resolve(file)}`);
  }
}

/** Loads the public key alone (what verifiers such as the gateway need). */
export function loadPemPublicKey(publicKeyFile: string): KeyObject {
  const key = toPublicKey(readPem(publicKeyFile, 'JWT_PUBLIC_KEY_FILE'));
  assertP256(key);
  return key;
}

/**
 * Loads the signing pair and checks the two halves belong together, so a mismatch fails at boot. The public file
 * may hold several keys (a rotation in progress): the private key must match one of them, which is returned.
 */
export function loadPemKeyPair(files: { privateKeyFile: string; publicKeyFile: string }): AccessTokenKeys {
  const privateKey = toPrivateKey(readPem(files.privateKeyFile, 'JWT_PRIVATE_KEY_FILE'));
  assertP256(privateKey);
  const probe = Buffer.from('key-pair-check');
  const signature = sign('sha256', probe, privateKey);
  const publicKey = parsePublicKeys(readPem(files.publicKeyFile, 'JWT_PUBLIC_KEY_FILE')).find((key) => verify('sha256', probe, key, signature));
  if (!publicKey) throw new Error('JWT_PUBLIC_KEY_FILE: the public key does not match JWT_PRIVATE_KEY_FILE');
  return { privateKey, publicKey };
}

export interface DevKeyFiles {
  privateKeyFile: string;
  publicKeyFile: string;
  created: boolean;
}

export const DEV_PRIVATE_KEY_NAME = 'jwt-private.pem';
export const DEV_PUBLIC_KEY_NAME = 'jwt-public.pem';

function writeAtomically(file: string, content: string, mode: number): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode });
  chmodSync(temporary, mode);
  renameSync(temporary, file);
}

/**
 * Creates `<dir>/jwt-private.pem` and `<dir>/jwt-public.pem` unless both exist (development only: production
 * keys come from a secret store). The private key is written 0600, each file atomically.
 */
export function ensureDevKeys(dir: string): DevKeyFiles {
  const directory = path.resolve(dir);
  const privateKeyFile = path.join(directory, DEV_PRIVATE_KEY_NAME);
  const publicKeyFile = path.join(directory, DEV_PUBLIC_KEY_NAME);
  if (existsSync(privateKeyFile) && existsSync(publicKeyFile)) return { privateKeyFile, publicKeyFile, created: false };
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const pair = generateDevKeyPair();
  writeAtomically(privateKeyFile, pair.privateKeyPem, 0o600);
  writeAtomically(publicKeyFile, pair.publicKeyPem, 0o644);
  return { privateKeyFile, publicKeyFile, created: true };
}
