import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ANONYMOUS, DomainError, type AuthContext } from '@tec/shared';
import { ENDPOINT, type EndpointSpec } from '../http/endpoint.decorator';
import type { GatewayConfig } from '../config';
import { SlidingWindowThrottlerStorage } from '../http/sliding-window.storage';
import { GATEWAY_CONFIG } from '../tokens';
import { RequestAuthenticator } from './request-authenticator';

export type AuthenticatedRequest = Request & { auth?: AuthContext };

/**
 * Authenticates every request and applies the route's access rule. A route without `@Endpoint` is refused:
 * nothing is reachable by accident. Object-level authorization stays with the owning service.
 */
@Injectable()
export class EndpointGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(RequestAuthenticator) private readonly authenticator: RequestAuthenticator,
    @Inject(SlidingWindowThrottlerStorage) private readonly counters: SlidingWindowThrottlerStorage,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /**
   * A refused credential counts against the client IP's budget (the throttler only sees requests that got past
   * this guard), so guessing tokens or API keys is rate limited too: past the limit, 429 instead of 401.
   */
  private countFailure(request: Request, error: unknown): never {
    const verdict = this.counters.hit(`auth-failure\u0000${request.ip ?? ''}`, 60_000, this.config.RATE_LIMIT_PER_IP, 60_000, Date.now());
    if (verdict.isBlocked) {
      throw new DomainError('RATE_LIMITED', 'Too many refused credentials from this address, please wait', { retryAfterSeconds: verdict.timeToBlockExpire });
    }
    throw error;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const spec = this.reflector.get<EndpointSpec | undefined>(ENDPOINT, context.getHandler());
    if (!spec) throw DomainError.forbidden('This route is not exposed');

    const access = spec.access;
    if (access.kind === 'public') {
      request.auth = (await this.authenticator.authenticateOptional(request)) ?? ANONYMOUS;
      return true;
    }
    if (access.kind === 'internal') {
      this.authenticator.assertInternalSecret(request);
      request.auth = { kind: 'service', service: 'internal-trigger' };
      return true;
    }
    const auth = await this.authenticator.authenticate(request).catch((error: unknown) => this.countFailure(request, error));
    request.auth = auth;
    if (auth.kind === 'user') {
      if (access.roles && !access.roles.includes(auth.role)) throw DomainError.forbidden('Your role cannot use this');
      return true;
    }
    if (auth.kind === 'api_key') {
      if (!access.scopes?.length) throw new DomainError('INSUFFICIENT_SCOPE', 'API keys cannot use this route');
      const missing = access.scopes.filter((scope) => !auth.scopes.includes(scope));
      if (missing.length) throw new DomainError('INSUFFICIENT_SCOPE', `The API key lacks: ${missing.join(', ')}`);
      return true;
    }
    throw new DomainError('UNAUTHENTICATED', 'Sign in first');
  }
}
