import type { ExecutionContext } from '@nestjs/common';
import { SetMetadata } from '@nestjs/common';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { GatewayConfig } from '../config';
import type { AuthenticatedRequest } from '../auth/endpoint.guard';
import { SlidingWindowThrottlerStorage } from './sliding-window.storage';

const STRICT_LOGIN = 'gateway:strict-login';

/** Marks sign-in routes for the stricter per-IP limit. */
export const StrictLoginLimit = (): MethodDecorator => SetMetadata(STRICT_LOGIN, true);

function request(context: ExecutionContext): AuthenticatedRequest {
  return context.switchToHttp().getRequest<AuthenticatedRequest>();
}

/**
 * Three limits: per client IP for requests without a valid credential, per signed-in user or API key, and a
 * strict one on sign-in (per IP). Signed-in traffic is limited per user, not per IP: a school's students share one
 * public address, and 500 of them checking in at the bell must not exhaust one IP's budget.
 * Counters live in each gateway's memory (O(1) per request, see SlidingWindowThrottlerStorage); behind a load
 * balancer, set the limits per instance.
 */
export function rateLimitOptions(config: GatewayConfig, storage = new SlidingWindowThrottlerStorage()): ThrottlerModuleOptions {
  return {
    storage,
    throttlers: [
      {
        name: 'ip',
        ttl: 60_000,
        limit: config.RATE_LIMIT_PER_IP,
        skipIf: (context) => {
          const auth = request(context).auth;
          return auth?.kind === 'user' || auth?.kind === 'api_key';
        },
      },
      {
        name: 'user',
        ttl: 60_000,
        limit: config.RATE_LIMIT_PER_USER,
        skipIf: (context) => {
          const auth = request(context).auth;
          return !auth || (auth.kind !== 'user' && auth.kind !== 'api_key');
        },
        getTracker: (req) => {
          const auth = (req as AuthenticatedRequest).auth;
          return auth?.kind === 'user' ? `user:${auth.userId}` : auth?.kind === 'api_key' ? `key:${auth.apiKeyId}` : 'none';
        },
      },
      {
        name: 'login',
        ttl: 15 * 60_000,
        limit: config.RATE_LIMIT_LOGIN,
        skipIf: (context) => Reflect.getMetadata(STRICT_LOGIN, context.getHandler()) !== true,
      },
    ],
    errorMessage: 'Too many requests, please slow down',
  };
}
