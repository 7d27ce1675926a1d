import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { parseOrThrow } from '@tec/shared';
import { ENDPOINT, type EndpointSpec } from './endpoint.decorator';

export interface ValidatedInput {
  body: unknown;
  query: unknown;
  params: unknown;
}

export type ValidatedRequest = Request & { validated?: ValidatedInput };

/** Validates body, query and params against the route's zod schemas; handlers read the parsed values only. */
@Injectable()
export class ValidationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const spec = this.reflector.get<EndpointSpec | undefined>(ENDPOINT, context.getHandler());
    const request = context.switchToHttp().getRequest<ValidatedRequest>();
    request.validated = {
      body: spec?.body ? parseOrThrow(spec.body, request.body ?? {}, 'body') : undefined,
      query: spec?.query ? parseOrThrow(spec.query, { ...request.query }, 'query') : undefined,
      params: spec?.params ? parseOrThrow(spec.params, { ...request.params }, 'path') : undefined,
    };
    return next.handle();
  }
}
