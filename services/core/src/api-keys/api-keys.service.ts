import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, type ApiKeyScope, type ApiKeySummary } from '@tec/shared';
import type { ApiKeyEntity } from './api-key.entity';
import { ApiKeysRepository } from './api-keys.repository';

/** `tec_<id without dashes>_<43 base64url chars = 256 random bits>`. */
const KEY_FORMAT = /^tec_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

function toSummary(key: ApiKeyEntity): ApiKeySummary {
  return {
    id: key.id,
    name: key.name,
    scopes: key.scopes,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

function toUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

@Injectable()
export class ApiKeysService {
  constructor(private readonly apiKeys: ApiKeysRepository) {}

  /** The plaintext key is returned here and never again. */
  async create(adminId: string, input: { name: string; scopes: ApiKeyScope[] }): Promise<{ apiKey: ApiKeySummary; key: string }> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const key = await this.apiKeys.insert({ id, name: input.name, scopes: input.scopes, secretHash: hashSecret(secret), createdBy: adminId });
    return { apiKey: toSummary(key), key: `tec_${id.replace(/-/g, '')}_${secret}` };
  }

  async list(): Promise<ApiKeySummary[]> {
    return (await this.apiKeys.listAll()).map(toSummary);
  }

  async revoke(apiKeyId: string): Promise<ApiKeySummary> {
    const key = await this.apiKeys.revoke(apiKeyId);
    if (!key) throw DomainError.notFound('API key');
    return toSummary(key);
  }

  /** One answer for every failure (malformed, unknown, revoked, wrong secret), so keys cannot be probed. */
  async verify(presented: string): Promise<{ apiKeyId: string; scopes: ApiKeyScope[] }> {
    const invalid = new DomainError('API_KEY_INVALID', 'The API key is not valid');
    const match = KEY_FORMAT.exec(presented);
    if (!match) throw invalid;
    const [, idHex, secret] = match as unknown as [string, string, string];
    const key = await this.apiKeys.findActiveById(toUuid(idHex));
    if (!key || !timingSafeEqual(key.secretHash, hashSecret(secret))) throw invalid;
    await this.apiKeys.touchLastUsed(key.id);
    return { apiKeyId: key.id, scopes: key.scopes };
  }
}
