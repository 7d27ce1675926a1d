import type { ClientEventMap, ErrorBody, ErrorCode, PushRoomKind } from '@tec/shared/contracts';
import { io, type Socket } from 'socket.io-client';
import { isApiError } from '../api/api-error';

export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'offline' | 'error';
export type ClientEventName = keyof ClientEventMap;
export type ClientEventHandler<E extends ClientEventName> = (payload: ClientEventMap[E]) => void;
/** The gateway's answer to `join_room` / `leave_room`. */
export type RoomAck = { ok: true; room: string } | { ok: false; error: ErrorBody };
export type RoomListener = (ack: RoomAck) => void;

const ROOM_ACK_TIMEOUT_MS = 10_000;

interface RoomMembership {
  kind: PushRoomKind;
  id: string;
  listeners: Set<RoomListener>;
}

export interface RealtimeHooks {
  getAccessToken(): string | null;
  /** Single-flight token refresh; rejects with an ApiError when the session is over. */
  refreshAccessToken(): Promise<void>;
  /** After a drop: refetch what may have changed while we weren't listening. */
  onResync(): void;
}

const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;

/**
 * One Socket.IO connection per tab. Socket.IO retries transport drops by itself, but not a handshake the server
 * rejected (a middleware error leaves `socket.active` false), so those — an expired token above all — are
 * handled here: refresh the token, then reconnect with backoff.
 */
export class RealtimeClient {
  private readonly socket: Socket;
  private status: ConnectionStatus = 'idle';
  private readonly statusListeners = new Set<() => void>();
  private wanted = false;
  private connectedBefore = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** One fresh token per failure streak: a second UNAUTHENTICATED with a new token means stop, not loop. */
  private refreshedForAuthError = false;
  /** The server said our token expired and is closing us: we reconnect after the refresh, not on the disconnect. */
  private expiredSession = false;
  /** Rooms someone on this page holds; joined again after every (re)connect, since the server forgets them. */
  private readonly rooms = new Map<string, RoomMembership>();

  constructor(private readonly hooks: RealtimeHooks) {
    this.socket = io({
      path: '/socket.io',
      autoConnect: false,
      // A function, so every (re)connection presents the current token rather than the one we started with.
      auth: (callback) => callback({ token: hooks.getAccessToken() }),
      reconnectionDelay: BACKOFF_BASE_MS,
      reconnectionDelayMax: BACKOFF_MAX_MS,
      randomizationFactor: 0.5,
    });
    this.socket.on('connect', () => this.onConnect());
    this.socket.on('connect_error', (error: Error) => this.onConnectError(error));
    this.socket.on('disconnect', (reason: Socket.DisconnectReason) => this.onDisconnect(reason));
    // The gateway disconnects a socket when the token it connected with expires, and says so just before.
    this.socket.on('session_expired', () => this.onSessionExpired());
    this.socket.io.on('reconnect_attempt', () => this.setStatus(navigator.onLine ? 'reconnecting' : 'offline'));
    window.addEventListener('offline', () => this.wanted && this.setStatus('offline'));
    window.addEventListener('online', () => {
      if (this.wanted && !this.socket.connected) this.reconnectSoon(0);
    });
  }

  connect(): void {
    this.wanted = true;
    if (this.socket.connected || this.socket.active) return;
    this.setStatus('connecting');
    this.socket.connect();
  }

  disconnect(): void {
    this.wanted = false;
    this.connectedBefore = false;
    clearTimeout(this.retryTimer);
    this.socket.disconnect();
    this.setStatus('idle');
  }

  /** Typed subscription to a server event; returns the unsubscribe function. */
  on<E extends ClientEventName>(event: E, handler: ClientEventHandler<E>): () => void {
    const listener = (payload: ClientEventMap[E]) => handler(payload);
    this.socket.on(event as string, listener);
    return () => {
      this.socket.off(event as string, listener);
    };
  }

  /**
   * Joins an object room (`session:<id>`…) for as long as the returned function isn't called; the listener gets the
   * ack of the first join and of every rejoin after a reconnect. Several holders of one room share one membership.
   */
  joinRoom(kind: PushRoomKind, id: string, listener: RoomListener): () => void {
    const key = `${kind}:${id}`;
    let membership = this.rooms.get(key);
    if (!membership) {
      membership = { kind, id, listeners: new Set() };
      this.rooms.set(key, membership);
      if (this.socket.connected) this.emitJoin(membership);
    }
    membership.listeners.add(listener);
    return () => {
      const current = this.rooms.get(key);
      if (!current) return;
      current.listeners.delete(listener);
      if (current.listeners.size > 0) return;
      this.rooms.delete(key);
      if (this.socket.connected) this.socket.emit('leave_room', { kind, id });
    };
  }

  private emitJoin(membership: RoomMembership): void {
    this.socket.timeout(ROOM_ACK_TIMEOUT_MS).emit('join_room', { kind: membership.kind, id: membership.id }, (error: Error | null, ack?: RoomAck) => {
      const answer: RoomAck =
        error || !ack
          ? { ok: false, error: { statusCode: 504, code: 'SERVICE_TIMEOUT', message: 'The room did not answer in time.', correlationId: '' } }
          : ack;
      // Still held? A page that left meanwhile doesn't want the answer.
      if (this.rooms.get(`${membership.kind}:${membership.id}`) !== membership) return;
      for (const listener of membership.listeners) listener(answer);
    });
  }

  /**
   * Sends a client → server event that answers with an ack (`{ok: true, …}` or `{ok: false, error}`), e.g. chat's
   * `send_message`. Rejects with the error body, or SERVICE_TIMEOUT when nothing answers (or we are offline).
   */
  emitWithAck<T = unknown>(event: string, payload: unknown, timeoutMs = ROOM_ACK_TIMEOUT_MS): Promise<T> {
    return new Promise((resolve, reject) => {
      const timeout = (): ErrorBody => ({ statusCode: 504, code: 'SERVICE_TIMEOUT', message: 'The server did not answer in time.', correlationId: '' });
      if (!this.socket.connected) {
        reject(timeout());
        return;
      }
      this.socket.timeout(timeoutMs).emit(event, payload, (error: Error | null, ack?: { ok: boolean; error?: ErrorBody }) => {
        if (error || !ack) reject(timeout());
        else if (!ack.ok) reject(ack.error ?? timeout());
        else resolve(ack as T);
      });
    });
  }

  /** Fire and forget (typing indicators): dropped when offline. */
  emitVolatile(event: string, payload: unknown): void {
    if (this.socket.connected) this.socket.volatile.emit(event, payload);
  }

  isConnected = (): boolean => this.socket.connected;

  getStatus = (): ConnectionStatus => this.status;

  subscribeStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  private setStatus(status: ConnectionStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener();
  }

  private onConnect(): void {
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    this.refreshedForAuthError = false;
    this.setStatus('online');
    for (const membership of this.rooms.values()) this.emitJoin(membership);
    if (this.connectedBefore) this.hooks.onResync();
    this.connectedBefore = true;
  }

  private onConnectError(error: Error): void {
    if (!this.wanted) return;
    // Still active: a transport failure that Socket.IO's own backoff will retry.
    if (this.socket.active) {
      this.setStatus(navigator.onLine ? 'reconnecting' : 'offline');
      return;
    }
    const code = error.message as ErrorCode | string;
    if (code === 'ORIGIN_NOT_ALLOWED') {
      // A deployment mistake (this origin isn't on the gateway's list); retrying can't fix it.
      this.setStatus('error');
      return;
    }
    if (code === 'TOKEN_EXPIRED' || ((code === 'UNAUTHENTICATED' || code === 'TOKEN_INVALID') && !this.refreshedForAuthError)) {
      this.refreshedForAuthError = code !== 'TOKEN_EXPIRED';
      this.refreshThenReconnect();
      return;
    }
    if (code === 'UNAUTHENTICATED' || code === 'TOKEN_INVALID') {
      this.setStatus('error');
      return;
    }
    this.setStatus('reconnecting');
    this.reconnectSoon(this.nextDelay());
  }

  private onDisconnect(reason: Socket.DisconnectReason): void {
    if (!this.wanted || reason === 'io client disconnect') return;
    this.setStatus(navigator.onLine ? 'reconnecting' : 'offline');
    // The server closed us on purpose (a deploy, a revoked session); Socket.IO won't come back on its own.
    // After `session_expired` the refresh under way reconnects, with the new token.
    if (reason === 'io server disconnect' && !this.expiredSession) this.reconnectSoon(this.nextDelay());
  }

  private onSessionExpired(): void {
    if (!this.wanted) return;
    this.expiredSession = true;
    this.refreshThenReconnect();
  }

  private refreshThenReconnect(): void {
    this.setStatus('reconnecting');
    this.hooks.refreshAccessToken().then(
      () => {
        this.expiredSession = false;
        this.reconnectSoon(0);
      },
      (refreshError: unknown) => {
        this.expiredSession = false;
        // Offline: keep trying. Otherwise the session is gone and the app is already heading to sign-in.
        if (isApiError(refreshError) && refreshError.network) this.reconnectSoon(this.nextDelay());
        else this.setStatus('error');
      },
    );
  }

  private reconnectSoon(delay: number): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.wanted && !this.socket.connected) this.socket.connect();
    }, delay);
  }

  /** Exponential backoff with jitter, so a restarted gateway isn't hit by every client in the same second. */
  private nextDelay(): number {
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** this.attempt);
    this.attempt += 1;
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  }
}
