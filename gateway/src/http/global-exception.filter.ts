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
    if (body.statusCode === 429) response.setHeader('Retry-After', '60');
    response.status(body.statusCode).json(body);
  }
}
