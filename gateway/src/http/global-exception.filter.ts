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
    if (body.statusCode === 429) response.setHeader('Retry-After', String(retryAfterSeconds(body.details, throttlerWait(response))));
    response.status(body.statusCode).json(body);
  }
}

/**
 * How long to wait: the service's own wait (`details.retryAfterSeconds`, e.g. chat flood control or a pairing
 * lock), else the gateway throttler's (`throttled`, e.g. 15 minutes for sign-in), else a minute.
 */
export function retryAfterSeconds(details: unknown, throttled: number | null = null): number {
  const seconds = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0) return Math.ceil(seconds);
  return throttled !== null && throttled > 0 ? Math.ceil(throttled) : 60;
}

/** The longest wait the throttler guard put on the response (`Retry-After-<throttler>` headers), if any. */
export function throttlerWait(response: Pick<Response, 'getHeaderNames' | 'getHeader'>): number | null {
  let longest: number | null = null;
  for (const name of response.getHeaderNames()) {
    if (!name.toLowerCase().startsWith('retry-after')) continue;
    const value = Number(response.getHeader(name));
    if (Number.isFinite(value) && value > 0) longest = Math.max(longest ?? 0, value);
  }
  return longest;
}
