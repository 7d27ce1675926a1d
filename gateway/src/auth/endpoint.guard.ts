import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ANONYMOUS, DomainError, type AuthContext } from '@tec/shared';
import { ENDPOINT, type EndpointSpec } from '../http/endpoint.decorator';
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
  ) {}

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
    const auth = await this.authenticator.authenticate(request);
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
