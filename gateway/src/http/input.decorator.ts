import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ValidatedRequest } from './validation.guard';

/** The validated body, query or path params of the request (see `Endpoint`). */
export const Input = createParamDecorator((part: 'body' | 'query' | 'params', context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<ValidatedRequest>();
  return request.validated?.[part];
});
