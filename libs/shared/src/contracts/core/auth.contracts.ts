import { z } from 'zod';
import { defineRpc } from '../rpc-contract';
import { Email, EmptyRequest, UserProfile } from './common.dto';

const ClientInfo = {
  /** Recorded on the session, for the user's "where am I signed in" list and for audits. */
  userAgent: z.string().max(512).optional(),
  ip: z.string().max(64).optional(),
};

export const AuthLoginRequest = z.object({
  email: Email,
  password: z.string().min(1).max(1024),
  ...ClientInfo,
});

export const AuthRefreshRequest = z.object({
  refreshToken: z.string().min(20).max(200),
  ...ClientInfo,
});

export const AuthTokens = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: z.iso.datetime(),
  refreshToken: z.string(),
  refreshTokenExpiresAt: z.iso.datetime(),
  user: UserProfile,
});
export type AuthTokens = z.infer<typeof AuthTokens>;

export const AuthLogoutRequest = z.object({ refreshToken: z.string().min(20).max(200) });

/** Anonymous callers may log in and refresh; the gateway passes `{kind:'anonymous'}`. */
export const authLogin = defineRpc('core', 'authLogin', AuthLoginRequest, AuthTokens);
/** Single-use rotation: presenting a used refresh token revokes its whole family (REFRESH_TOKEN_REUSED). */
export const authRefresh = defineRpc('core', 'authRefresh', AuthRefreshRequest, AuthTokens);
/** Revokes the refresh token's family. Idempotent: an unknown token is not an error. */
export const authLogout = defineRpc('core', 'authLogout', AuthLogoutRequest, z.object({ ok: z.literal(true) }));
/** The signed-in user (auth = user). Fails UNAUTHENTICATED when the account or the session is gone. */
export const authSession = defineRpc('core', 'authSession', EmptyRequest, z.object({ user: UserProfile }));
