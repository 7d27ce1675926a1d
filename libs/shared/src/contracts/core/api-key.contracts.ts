import { z } from 'zod';
import { defineRpc } from '../rpc-contract';
import { ApiKeyScope } from '../roles';
import { EmptyRequest } from './common.dto';

export const ApiKeySummary = z.object({
  id: z.uuid(),
  name: z.string(),
  scopes: z.array(ApiKeyScope),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type ApiKeySummary = z.infer<typeof ApiKeySummary>;

export const ApiKeyCreateRequest = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(ApiKeyScope).min(1).transform((scopes) => [...new Set(scopes)]),
});

/** `key` is `tec_<id>_<secret>`, shown once: only a hash of the secret is stored. */
export const ApiKeyCreated = z.object({ apiKey: ApiKeySummary, key: z.string() });

export const apiKeysCreate = defineRpc('core', 'apiKeysCreate', ApiKeyCreateRequest, ApiKeyCreated);
export const apiKeysList = defineRpc('core', 'apiKeysList', EmptyRequest, z.object({ items: z.array(ApiKeySummary) }));
export const apiKeysRevoke = defineRpc('core', 'apiKeysRevoke', z.object({ apiKeyId: z.uuid() }), ApiKeySummary);
/** Called by the gateway (auth = service) for every `x-api-key`; API_KEY_INVALID when unknown or revoked. */
export const apiKeysVerify = defineRpc(
  'core',
  'apiKeysVerify',
  z.object({ key: z.string().min(1).max(200) }),
  z.object({ apiKeyId: z.uuid(), scopes: z.array(ApiKeyScope) }),
);
