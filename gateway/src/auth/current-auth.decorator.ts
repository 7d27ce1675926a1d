import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ANONYMOUS } from '@tec/shared';
import type { AuthenticatedRequest } from './endpoint.guard';

/** The caller's verified AuthContext, set by `EndpointGuard`. */
export const CurrentAuth = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().auth ?? ANONYMOUS;
});
