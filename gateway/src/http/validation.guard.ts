import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { parseOrThrow } from '@tec/shared';
import { ENDPOINT, type EndpointSpec } from './endpoint.decorator';

export interface ValidatedInput {
  body: unknown;
  query: unknown;
  params: unknown;
}

export type ValidatedRequest = Request & { validated?: ValidatedInput };

/**
 * Validates body, query and params against the route's zod schemas; handlers read the parsed values only (`@Input`).
 * The last global guard, after authentication and the rate limits, so a refused caller learns nothing about the
 * input's shape. A guard rather than an interceptor: Nest wraps every call through an interceptor in an rxjs
 * pipeline and an async resource, which cost ~0.1 ms per request on the check-in path for no behaviour.
 */
@Injectable()
export class ValidationGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const spec = this.reflector.get<EndpointSpec | undefined>(ENDPOINT, context.getHandler());
    const request = context.switchToHttp().getRequest<ValidatedRequest>();
    request.validated = {
      body: spec?.body ? parseOrThrow(spec.body, request.body ?? {}, 'body') : undefined,
      query: spec?.query ? parseOrThrow(spec.query, { ...request.query }, 'query') : undefined,
      params: spec?.params ? parseOrThrow(spec.params, { ...request.params }, 'path') : undefined,
    };
    return true;
  }
}
