import { z } from 'zod';
import { ApiKeyScope, Role } from './roles';

/**
 * The caller's verified identity, built by the gateway from a JWT or an API key and sent with every RPC call.
 * Services authorize each object against it and never take an id from the payload to stand for the caller.
 */
export const AuthContext = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), userId: z.uuid(), role: Role, sessionId: z.uuid().optional() }),
  z.object({ kind: z.literal('api_key'), apiKeyId: z.uuid(), scopes: z.array(ApiKeyScope) }),
  z.object({ kind: z.literal('anonymous') }),
  /** A service acting on its own behalf (a scheduled job, an event handler). Never built from client input. */
  z.object({ kind: z.literal('service'), service: z.string().min(1) }),
]);
export type AuthContext = z.infer<typeof AuthContext>;
export type UserAuthContext = Extract<AuthContext, { kind: 'user' }>;
export type ApiKeyAuthContext = Extract<AuthContext, { kind: 'api_key' }>;

export const ANONYMOUS: AuthContext = Object.freeze({ kind: 'anonymous' });
