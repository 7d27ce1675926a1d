import type { NextFunction, Request, Response } from 'express';
import { runWithContext, sanitizeCorrelationId } from '@tec/shared';

export const CORRELATION_HEADER = 'x-correlation-id';

/** Every request runs inside its correlation context; the id is echoed back so users can quote it to support. */
export function correlationMiddleware(request: Request, response: Response, next: NextFunction): void {
  const correlationId = sanitizeCorrelationId(request.header(CORRELATION_HEADER));
  response.setHeader(CORRELATION_HEADER, correlationId);
  runWithContext({ correlationId }, next);
}
