import { HttpException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { currentCorrelationId, isDomainError, type ErrorBody, type ErrorCode, ERROR_HTTP_STATUS } from '@tec/shared';

export const HTTP_STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/**
 * The one exhaustive mapping from anything thrown to the one error shape. Domain errors keep their code;
 * framework HTTP errors (bad JSON, body too large, unknown route) get the code of their status; anything
 * else is a 500 that says nothing internal (`internal` is true so the caller logs it).
 */
export function toErrorBody(error: unknown): { body: ErrorBody; internal: boolean } {
  const correlationId = currentCorrelationId();
  if (isDomainError(error)) {
    return {
      body: { statusCode: ERROR_HTTP_STATUS[error.code], code: error.code, message: error.message, details: error.details, correlationId },
      internal: error.code === 'INTERNAL',
    };
  }
  if (error instanceof ThrottlerException) {
    return { body: { statusCode: 429, code: 'RATE_LIMITED', message: 'Too many requests, please slow down', correlationId }, internal: false };
  }
  if (error instanceof HttpException) {
    const statusCode = error.getStatus();
    const code = HTTP_STATUS_CODES[statusCode];
    if (code) {
      const message = statusCode === 404 ? 'Not found' : typeof error.getResponse() === 'string' ? String(error.getResponse()) : error.message;
      return { body: { statusCode, code, message, correlationId }, internal: false };
    }
  }
  const status = (error as { status?: number; statusCode?: number; type?: string })?.status;
  if (status === 400 && (error as { type?: string }).type === 'entity.parse.failed') {
    return { body: { statusCode: 400, code: 'BAD_REQUEST', message: 'The body is not valid JSON', correlationId }, internal: false };
  }
  if (status === 413) {
    return { body: { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The body is too large', correlationId }, internal: false };
  }
  // Other body-parser refusals: an unsupported charset or content encoding (415), a body shorter or longer than
  // its Content-Length or an aborted upload (400). They are the client's fault, never a 500.
  if ((status === 415 || status === 400) && typeof (error as { type?: unknown }).type === 'string') {
    const code = status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST';
    const message = status === 415 ? 'The body charset or encoding is not supported' : 'The body could not be read';
    return { body: { statusCode: status, code, message, correlationId }, internal: false };
  }
  return { body: { statusCode: 500, code: 'INTERNAL', message: 'Something went wrong on our side', correlationId }, internal: true };
}
