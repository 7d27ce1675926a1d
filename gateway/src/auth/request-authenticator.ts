import { timingSafeEqual, createHash } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { coreRpc, DomainError, parsePublicKeys, RpcClient, verifyAccessToken, type AuthContext, type UserAuthContext } from '@tec/shared';
import { readPublicKey, type GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../tokens';
import { RevokedUsers } from './revoked-users';
import { TtlCache } from './ttl-cache';

const API_KEY_HEADER = 'x-api-key';
const INTEGRATOR_KEY_PREFIX = 'tec_';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Turns the credentials on a request (Bearer JWT or integrator API key) into a verified AuthContext. */
@Injectable()
export class RequestAuthenticator {
  private readonly apiKeys: TtlCache<AuthContext>;
  /** Verified access tokens until they expire (at most a minute): a token is immutable, so the answer is too. */
  private readonly tokens = new TtlCache<UserAuthContext & { expiresAt: Date; issuedAt: Date }>(60_000, 20_000);

  /**
   * Every key in JWT_PUBLIC_KEY_FILE: one normally, the new and the old one during a key rotation (tokens name
   * theirs by `kid`, docs/operations.md).
   */
  private readonly publicKeys: readonly KeyObject[];

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly rpc: RpcClient,
    private readonly revoked: RevokedUsers,
  ) {
    this.apiKeys = new TtlCache(config.API_KEY_CACHE_SECONDS * 1000, 10_000);
    this.publicKeys = parsePublicKeys(readPublicKey(config));
  }

  async verifyToken(token: string): Promise<UserAuthContext & { expiresAt: Date }> {
    let entry = this.tokens.get(token);
    if (!entry || entry.expiresAt.getTime() <= Date.now()) {
      const verified = await verifyAccessToken(token, {
        publicKey: this.publicKeys,
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
      });
      entry = { kind: 'user' as const, userId: verified.userId, role: verified.role, sessionId: verified.sessionId, expiresAt: verified.expiresAt, issuedAt: verified.issuedAt };
      this.tokens.set(token, entry, verified.expiresAt.getTime() - Date.now());
    }
    if (this.revoked.isRevoked(entry.userId, entry.issuedAt)) {
      throw new DomainError('TOKEN_INVALID', 'This account was deactivated or changed its password: sign in again');
    }
    const { issuedAt: _issuedAt, ...auth } = entry;
    return auth;
  }

  async authenticate(request: Request): Promise<AuthContext> {
    const authorization = request.header('authorization');
    if (authorization) {
      const [scheme, token] = authorization.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token) throw new DomainError('TOKEN_INVALID', 'Use "Authorization: Bearer <token>"');
      const { expiresAt, ...auth } = await this.verifyToken(token);
      (request as Request & { tokenExpiresAt?: Date }).tokenExpiresAt = expiresAt;
      return auth;
    }
    const apiKey = request.header(API_KEY_HEADER);
    if (apiKey?.startsWith(INTEGRATOR_KEY_PREFIX)) return this.verifyApiKey(apiKey);
    throw new DomainError('UNAUTHENTICATED', 'Sign in first');
  }

  /** For public routes: a valid credential is used, a missing or bad one is ignored. */
  async authenticateOptional(request: Request): Promise<AuthContext | undefined> {
    if (!request.header('authorization') && !request.header(API_KEY_HEADER)?.startsWith(INTEGRATOR_KEY_PREFIX)) return undefined;
    return this.authenticate(request).catch(() => undefined);
  }

  assertInternalSecret(request: Request): void {
    const given = request.header(API_KEY_HEADER) ?? '';
    if (!timingSafeEqual(digest(given), digest(this.config.INTERNAL_API_SECRET))) {
      throw new DomainError('API_KEY_INVALID', 'A valid x-api-key is required');
    }
  }

  private async verifyApiKey(key: string): Promise<AuthContext> {
    const cacheKey = digest(key).toString('hex');
    const cached = this.apiKeys.get(cacheKey);
    if (cached) return cached;
    const verified = await this.rpc.call(coreRpc.apiKeysVerify, { key }, { kind: 'service', service: 'gateway' });
    const auth: AuthContext = { kind: 'api_key', apiKeyId: verified.apiKeyId, scopes: verified.scopes };
    this.apiKeys.set(cacheKey, auth);
    return auth;
  }
}
