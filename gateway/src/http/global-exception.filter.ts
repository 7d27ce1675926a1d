import { type ArgumentsHost, Catch, type ExceptionFilter, Inject } from '@nestjs/common';
import type { Response } from 'express';
import { LOGGER, type Logger } from '@tec/shared';
import { toErrorBody } from './error-body';

/** One global filter, one error shape. A 500 is logged with its correlation id and reveals nothing. */
@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const response = host.switchToHttp().getResponse<Response>();
    const { body, internal } = toErrorBody(exception);
    if (internal) this.logger.error({ err: exception, correlationId: body.correlationId }, 'unhandled error');
    if (response.headersSent) return;
    if (body.statusCode === 429) response.setHeader('Retry-After', String(retryAfterSeconds(body.details)));
    response.status(body.statusCode).json(body);
  }
}

/** The service's own wait (`details.retryAfterSeconds`, e.g. chat flood control or a pairing lock) when it gave one, else a minute. */
export function retryAfterSeconds(details: unknown): number {
  const seconds = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 60;
}
