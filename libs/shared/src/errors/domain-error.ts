import { ERROR_HTTP_STATUS, type ErrorCode } from '../contracts/error-codes';

/**
 * The only exception services throw on purpose. It carries a stable code; the edge (gateway filter,
 * socket ack, RPC filter) turns it into the one error shape. Its message is shown to users, so keep it plain.
 */
export class DomainError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
    this.statusCode = ERROR_HTTP_STATUS[code];
  }

  static notFound(what: string): DomainError {
    return new DomainError('NOT_FOUND', `${what} not found`);
  }

  static forbidden(message = 'You are not allowed to do this'): DomainError {
    return new DomainError('FORBIDDEN', message);
  }

  static validation(details: unknown, message = 'The request is not valid'): DomainError {
    return new DomainError('VALIDATION_FAILED', message, details);
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
