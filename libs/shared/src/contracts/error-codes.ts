/**
 * Stable machine codes for every error the platform returns. A code is a persisted contract with clients:
 * add new ones, never rename. Each maps to exactly one HTTP status (the map is exhaustive by type).
 */
export const ERROR_HTTP_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_INVALID: 401,
  REFRESH_TOKEN_REUSED: 401,
  API_KEY_INVALID: 401,
  FORBIDDEN: 403,
  INSUFFICIENT_SCOPE: 403,
  ORIGIN_NOT_ALLOWED: 403,
  NOT_FOUND: 404,
  NOT_ENROLLED: 403,
  /** Attendance check-in: outside the session's window, or the session was cancelled. */
  SESSION_CLOSED: 409,
  OUTSIDE_GEOFENCE: 403,
  NETWORK_NOT_ALLOWED: 403,
  ALREADY_CHECKED_IN: 409,
  /** This device already checked in another student for the session; the attempt is flagged for the teacher. */
  DEVICE_ALREADY_USED: 409,
  /** Live classes: the class reached its maximum participants. */
  CLASS_FULL: 409,
  /** Live classes: the join window is not open (too early, over, or cancelled). */
  JOIN_WINDOW_CLOSED: 409,
  /** Parent portal: the pairing code is wrong, used or expired (one answer for all, so guessing learns nothing). */
  PAIRING_CODE_INVALID: 400,
  /** Parent portal: the student already has the maximum number of active pairing codes. */
  PAIRING_CODE_LIMIT: 409,
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
  SERVICE_TIMEOUT: 504,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_HTTP_STATUS;

export const ERROR_CODES = Object.keys(ERROR_HTTP_STATUS) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_HTTP_STATUS, value);
}

/** The one error shape, everywhere: REST bodies, socket acks and RPC replies. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: unknown;
  correlationId: string;
}
