import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ANONYMOUS, coreRpc, DomainError, Email, RpcClient, UserProfile, type AuthContext, type AuthTokens } from '@tec/shared';
import { CurrentAuth } from '../auth/current-auth.decorator';
import type { GatewayConfig } from '../config';
import { Endpoint } from '../http/endpoint.decorator';
import { Input } from '../http/input.decorator';
import { StrictLoginLimit } from '../http/rate-limits';
import { GATEWAY_CONFIG } from '../tokens';

export const REFRESH_COOKIE = 'tec_refresh';
const COOKIE_PATH = '/api/v1/auth';

const LoginBody = z.object({
  email: Email,
  password: z.string().min(1).max(1024),
  /** Browsers get the refresh token as an httpOnly cookie; native apps may ask for it in the body. */
  tokenDelivery: z.enum(['cookie', 'body']).default('cookie'),
});
const RefreshBody = z.object({
  refreshToken: z.string().min(20).max(200).optional(),
  tokenDelivery: z.enum(['cookie', 'body']).default('cookie'),
});
const LogoutBody = z.object({ refreshToken: z.string().min(20).max(200).optional() });

const SessionReply = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: z.iso.datetime(),
  user: UserProfile,
  refreshToken: z.string().optional().describe('Only with tokenDelivery=body'),
  refreshTokenExpiresAt: z.iso.datetime().optional(),
});
const CurrentSession = z.object({ user: UserProfile, accessTokenExpiresAt: z.iso.datetime() });

/** Sign-in, token refresh (rotating, single use), sign-out and the current session. */
@Controller('auth')
export class AuthController {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('login')
  @StrictLoginLimit()
  @Endpoint({ tag: 'auth', summary: 'Sign in with email and password', access: { kind: 'public' }, body: LoginBody, response: SessionReply })
  async login(@Input('body') body: z.infer<typeof LoginBody>, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const tokens = await this.rpc.call(
      coreRpc.authLogin,
      { email: body.email, password: body.password, userAgent: request.header('user-agent')?.slice(0, 512), ip: request.ip },
      ANONYMOUS,
    );
    return this.reply(tokens, body.tokenDelivery, response);
  }

  @Post('refresh')
  @Endpoint({
    tag: 'auth',
    summary: 'Exchange the refresh token (cookie or body) for a new pair. Reusing a used token revokes the session.',
    access: { kind: 'public' },
    body: RefreshBody,
    response: SessionReply,
  })
  async refresh(@Input('body') body: z.infer<typeof RefreshBody>, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const refreshToken = body.refreshToken ?? this.cookie(request);
    if (!refreshToken) throw new DomainError('UNAUTHENTICATED', 'Sign in again');
    try {
      const tokens = await this.rpc.call(
        coreRpc.authRefresh,
        { refreshToken, userAgent: request.header('user-agent')?.slice(0, 512), ip: request.ip },
        ANONYMOUS,
      );
      return this.reply(tokens, body.refreshToken ? body.tokenDelivery : 'cookie', response);
    } catch (error) {
      response.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
      throw error;
    }
  }

  @Post('logout')
  @Endpoint({ tag: 'auth', summary: 'Sign out: revokes this session everywhere it was refreshed', access: { kind: 'public' }, body: LogoutBody })
  async logout(@Input('body') body: z.infer<typeof LogoutBody>, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const refreshToken = body.refreshToken ?? this.cookie(request);
    if (refreshToken) await this.rpc.call(coreRpc.authLogout, { refreshToken }, ANONYMOUS);
    response.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
  }

  @Get('session')
  @Endpoint({ tag: 'auth', summary: 'The signed-in user and when the access token expires', access: { kind: 'authenticated' }, response: CurrentSession })
  async session(@CurrentAuth() auth: AuthContext, @Req() request: Request & { tokenExpiresAt?: Date }) {
    if (auth.kind !== 'user') throw DomainError.forbidden('Only users have a session');
    const { user } = await this.rpc.call(coreRpc.authSession, {}, auth);
    return { user, accessTokenExpiresAt: (request.tokenExpiresAt ?? new Date()).toISOString() };
  }

  private cookie(request: Request): string | undefined {
    const value: unknown = request.cookies?.[REFRESH_COOKIE];
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  }

  private reply(tokens: AuthTokens, delivery: 'cookie' | 'body', response: Response) {
    const session = { accessToken: tokens.accessToken, accessTokenExpiresAt: tokens.accessTokenExpiresAt, user: tokens.user };
    if (delivery === 'body') return { ...session, refreshToken: tokens.refreshToken, refreshTokenExpiresAt: tokens.refreshTokenExpiresAt };
    response.cookie(REFRESH_COOKIE, tokens.refreshToken, {
      httpOnly: true,
      secure: this.config.COOKIE_SECURE,
      sameSite: 'strict',
      path: COOKIE_PATH,
      expires: new Date(tokens.refreshTokenExpiresAt),
    });
    return session;
  }
}
