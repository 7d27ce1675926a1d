import { randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { UserAuthContext } from '../contracts/auth-context';
import { Role } from '../contracts/roles';
import { DomainError } from '../errors/domain-error';
import { accessTokenKeyId, assertP256, parsePublicKeys, toPrivateKey, toPublicKey } from './keys';

/**
 * Access tokens are compact JWS with ES256 only. The header's `alg` is checked against this one-entry
 * allow-list before anything else, and the signature is always checked as ECDSA P-256 with the configured
 * public key, so `alg: none` and HS256-signed-with-the-public-key tokens can never verify.
 */
export const ACCESS_TOKEN_ALGORITHM = 'ES256';
const MAX_TOKEN_LENGTH = 4096;
const SEGMENT = /^[A-Za-z0-9_-]+$/;

export interface SignAccessTokenInput {
  userId: string;
  role: Role;
  /** The refresh-token family: lets a revoked session be recognised. */
  sessionId: string;
  privateKey: KeyObject | string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
  now?: Date;
}

export interface SignedAccessToken {
  token: string;
  expiresAt: Date;
}

export interface VerifyAccessTokenOptions {
  /**
   * The trusted key, or several during a rotation (a PEM text may hold several PUBLIC KEY blocks). A token names
   * its key by `kid` (the key's RFC 7638 thumbprint); a token without `kid` (signed before kids) may match any.
   */
  publicKey: KeyObject | string | readonly KeyObject[];
  issuer: string;
  audience: string;
  /** Allowed clock skew between core and the verifier. */
  clockToleranceSeconds?: number;
  now?: Date;
}

export type VerifiedAccessToken = UserAuthContext & { sessionId: string; expiresAt: Date; issuedAt: Date };

const Claims = z.object({
  sub: z.uuid(),
  role: Role,
  sid: z.uuid(),
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  iat: z.number().int(),
  exp: z.number().int(),
  nbf: z.number().int().optional(),
});

const encodeSegment = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export async function signAccessToken(input: SignAccessTokenInput): Promise<SignedAccessToken> {
  const key = toPrivateKey(input.privateKey);
  assertP256(key);
  const issuedAt = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const expiresAt = issuedAt + input.ttlSeconds;
  const header = { alg: ACCESS_TOKEN_ALGORITHM, typ: 'JWT', kid: accessTokenKeyId(key) };
  const claims = {
    sub: input.userId,
    role: input.role,
    sid: input.sessionId,
    iss: input.issuer,
    aud: input.audience,
    iat: issuedAt,
    exp: expiresAt,
    jti: randomUUID(),
  };
  const signingInput = `${encodeSegment(header)}.${encodeSegment(claims)}`;
  // ieee-p1363 is the raw r||s encoding JWS requires (not DER).
  const signature = sign('sha256', Buffer.from(signingInput), { key, dsaEncoding: 'ieee-p1363' });
  return { token: `${signingInput}.${signature.toString('base64url')}`, expiresAt: new Date(expiresAt * 1000) };
}

/** Parsed PEM texts, so a verifier that passes the same string every time parses it once. */
const parsedPem = new Map<string, KeyObject[]>();

function trustedKeys(input: VerifyAccessTokenOptions['publicKey']): readonly KeyObject[] {
  if (typeof input === 'string') {
    let keys = parsedPem.get(input);
    if (!keys) {
      keys = input.includes('-----BEGIN PUBLIC KEY-----') ? parsePublicKeys(input) : [toPublicKey(input)];
      if (parsedPem.size > 16) parsedPem.clear();
      parsedPem.set(input, keys);
    }
    return keys;
  }
  return Array.isArray(input) ? (input as readonly KeyObject[]) : [toPublicKey(input as KeyObject)];
}

function invalid(reason: string): DomainError {
  return new DomainError('TOKEN_INVALID', 'The access token is not valid', { reason });
}

function decodeJson(segment: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through: not JSON
  }
  throw invalid('malformed');
}

/**
 * Verifies signature, `iss`, `aud`, `exp` (and `nbf`/`iat` sanity) and returns the caller's identity.
 * Throws TOKEN_EXPIRED only for a genuine, expired token; everything else is TOKEN_INVALID.
 */
export async function verifyAccessToken(token: string, options: VerifyAccessTokenOptions): Promise<VerifiedAccessToken> {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) throw invalid('malformed');
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => SEGMENT.test(part))) throw invalid('malformed');
  const [encodedHeader, encodedClaims, encodedSignature] = parts as [string, string, string];

  const header = decodeJson(encodedHeader);
  if (header.alg !== ACCESS_TOKEN_ALGORITHM) throw invalid('algorithm not allowed');
  // Critical extensions we do not understand must be rejected (RFC 7515 §4.1.11).
  if (header.crit !== undefined) throw invalid('unsupported crit header');

  const keys = trustedKeys(options.publicKey);
  for (const key of keys) assertP256(key);
  let candidates = keys;
  if (header.kid !== undefined) {
    if (typeof header.kid !== 'string' || header.kid.length > 128) throw invalid('malformed kid');
    candidates = keys.filter((key) => accessTokenKeyId(key) === header.kid);
    if (candidates.length === 0) throw invalid('unknown key');
  }
  const signature = Buffer.from(encodedSignature, 'base64url');
  const signingInput = Buffer.from(`${encodedHeader}.${encodedClaims}`);
  const valid = signature.length === 64 && candidates.some((key) => verify('sha256', signingInput, { key, dsaEncoding: 'ieee-p1363' }, signature));
  if (!valid) throw invalid('bad signature');

  const claims = Claims.safeParse(decodeJson(encodedClaims));
  if (!claims.success) throw invalid('missing or malformed claims');
  const { sub, role, sid, iss, aud, iat, exp, nbf } = claims.data;
  if (iss !== options.issuer) throw invalid('wrong issuer');
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(options.audience)) throw invalid('wrong audience');

  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const tolerance = options.clockToleranceSeconds ?? 5;
  if (iat > now + tolerance) throw invalid('issued in the future');
  if (nbf !== undefined && nbf > now + tolerance) throw invalid('not yet valid');
  if (exp <= now - tolerance) throw new DomainError('TOKEN_EXPIRED', 'The access token has expired');

  return { kind: 'user', userId: sub, role, sessionId: sid, expiresAt: new Date(exp * 1000), issuedAt: new Date(iat * 1000) };
}
