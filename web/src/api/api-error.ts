import { type ErrorBody, type ErrorCode, isErrorCode } from '@tec/shared/contracts';

/** Every failed call surfaces as one of these, carrying the gateway's error body (and its correlation id for support). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly correlationId: string;
  readonly details: unknown;
  /** True when the request never got an answer (offline, gateway down). */
  readonly network: boolean;

  constructor(body: ErrorBody, options: { network?: boolean; cause?: unknown } = {}) {
    super(body.message, { cause: options.cause });
    this.name = 'ApiError';
    this.status = body.statusCode;
    this.code = body.code;
    this.correlationId = body.correlationId;
    this.details = body.details;
    this.network = options.network ?? false;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Builds an ApiError from whatever came back. A proxy or a crashed gateway may answer without our error shape, so
 * the status decides the code then; an unknown code from a newer server keeps the message but falls back likewise.
 */
export function toApiError(status: number, payload: unknown, fallbackCorrelationId: string): ApiError {
  const body = isRecord(payload) ? payload : {};
  const shaped = isErrorCode(body.code);
  const code: ErrorCode = shaped ? (body.code as ErrorCode) : codeForStatus(status);
  return new ApiError({
    statusCode: typeof body.statusCode === 'number' ? body.statusCode : status,
    code,
    message: typeof body.message === 'string' && body.message ? body.message : `Request failed with status ${status}`,
    // A body without our shape (the health report on a 503) is kept whole, so callers can still read it.
    details: shaped ? body.details : payload,
    correlationId: typeof body.correlationId === 'string' ? body.correlationId : fallbackCorrelationId,
  });
}

function codeForStatus(status: number): ErrorCode {
  if (status === 400) return 'BAD_REQUEST';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 503 || status === 502) return 'SERVICE_UNAVAILABLE';
  if (status === 504) return 'SERVICE_TIMEOUT';
  return 'INTERNAL';
}

export function networkError(correlationId: string, cause: unknown): ApiError {
  return new ApiError(
    { statusCode: 0, code: 'SERVICE_UNAVAILABLE', message: 'The server could not be reached.', correlationId },
    { network: true, cause },
  );
}
