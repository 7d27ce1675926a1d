import type { Socket } from 'socket.io';
import { currentCorrelationId, isDomainError, DomainError, ERROR_HTTP_STATUS, type AuthContext, type ErrorBody } from '@tec/shared';

export interface SocketData {
  auth: Extract<AuthContext, { kind: 'user' }>;
  /** When the handshake's access token expires: the socket is told (`session_expired`) and disconnected then. */
  tokenExpiresAt: Date;
}

/** A handshake error whose `message` is the stable code (what `connect_error` shows) and `data` the error body. */
export function handshakeError(error: unknown): Error & { data: ErrorBody } {
  const domain = isDomainError(error) ? error : new DomainError('UNAUTHENTICATED', 'Sign in first');
  const failure = new Error(domain.code) as Error & { data: ErrorBody };
  failure.data = {
    statusCode: ERROR_HTTP_STATUS[domain.code],
    code: domain.code,
    message: domain.message,
    correlationId: currentCorrelationId(),
  };
  return failure;
}

/** Browsers always send Origin on a WebSocket handshake; when present it must be allowed. */
export function isOriginAllowed(socket: Socket, allowed: readonly string[]): boolean {
  const origin = socket.handshake.headers.origin;
  return origin === undefined || allowed.includes(origin);
}
