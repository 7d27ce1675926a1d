import type { ErrorCode } from '@tec/shared/contracts';
import { type MessageKey, t } from './index';

// Exhaustive by type: a new error code in the contracts fails the build until it has a title here.
const TITLES: Record<ErrorCode, MessageKey> = {
  VALIDATION_FAILED: 'errors.code.VALIDATION_FAILED',
  BAD_REQUEST: 'errors.code.BAD_REQUEST',
  UNAUTHENTICATED: 'errors.code.UNAUTHENTICATED',
  INVALID_CREDENTIALS: 'errors.code.INVALID_CREDENTIALS',
  TOKEN_EXPIRED: 'errors.code.UNAUTHENTICATED',
  TOKEN_INVALID: 'errors.code.UNAUTHENTICATED',
  REFRESH_TOKEN_REUSED: 'errors.code.UNAUTHENTICATED',
  API_KEY_INVALID: 'errors.code.UNAUTHENTICATED',
  FORBIDDEN: 'errors.code.FORBIDDEN',
  INSUFFICIENT_SCOPE: 'errors.code.FORBIDDEN',
  ORIGIN_NOT_ALLOWED: 'errors.code.FORBIDDEN',
  NOT_FOUND: 'errors.code.NOT_FOUND',
  NOT_ENROLLED: 'errors.code.NOT_ENROLLED',
  CONFLICT: 'errors.code.CONFLICT',
  PAIRING_CODE_INVALID: 'errors.code.PAIRING_CODE_INVALID',
  PAIRING_CODE_LIMIT: 'errors.code.PAIRING_CODE_LIMIT',
  CLASS_FULL: 'errors.code.CLASS_FULL',
  JOIN_WINDOW_CLOSED: 'errors.code.JOIN_WINDOW_CLOSED',
  ALREADY_EXISTS: 'errors.code.CONFLICT',
  PAYLOAD_TOO_LARGE: 'errors.code.PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'errors.code.BAD_REQUEST',
  RATE_LIMITED: 'errors.code.RATE_LIMITED',
  INTERNAL: 'errors.code.INTERNAL',
  SERVICE_UNAVAILABLE: 'errors.code.SERVICE_UNAVAILABLE',
  SERVICE_TIMEOUT: 'errors.code.SERVICE_UNAVAILABLE',
  SESSION_CLOSED: 'errors.code.SESSION_CLOSED',
  OUTSIDE_GEOFENCE: 'errors.code.OUTSIDE_GEOFENCE',
  NETWORK_NOT_ALLOWED: 'errors.code.NETWORK_NOT_ALLOWED',
  ALREADY_CHECKED_IN: 'errors.code.ALREADY_CHECKED_IN',
  DEVICE_ALREADY_USED: 'errors.code.DEVICE_ALREADY_USED',
};

export function errorTitle(code: ErrorCode): string {
  return t(TITLES[code]);
}
