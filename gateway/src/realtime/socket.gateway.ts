import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ConnectedSocket, MessageBody, type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { DomainError, LOGGER, type ClientEventMap, type Logger } from '@tec/shared';
import { emitCoalesced } from './coalesced-writes';
import { RoomAuthorizer, type RoomAck } from './room-authorizer';
import { RequestAuthenticator } from '../auth/request-authenticator';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../tokens';
import { SessionExpiryTimers } from './session-expiry';
import { handshakeError, isOriginAllowed, type SocketData } from './socket-auth';

export type RoomName = `${'user' | 'conversation' | 'class' | 'session' | 'course'}:${string}`;

/**
 * Authenticates each socket at the handshake (token + Origin), joins it to `user:<id>`, and emits through
 * one typed helper. Rooms for other objects are joined only after the owning service authorizes them. When the
 * handshake's token expires, the socket gets `session_expired` and is disconnected; the client reconnects with a
 * fresh token (one timer per socket, see SessionExpiryTimers).
 */
@Injectable()
@WebSocketGateway()
export class SocketGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnApplicationShutdown {
  @WebSocketServer()
  server!: Server;

  private readonly expiry = new SessionExpiryTimers((socket, expiredAt) => this.expire(socket, expiredAt));

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly authenticator: RequestAuthenticator,
    private readonly rooms: RoomAuthorizer,
  ) {}

  afterInit(server: Server): void {
    server.use((socket, next) => {
      if (!isOriginAllowed(socket, this.config.CORS_ORIGINS)) {
        next(handshakeError(new DomainError('ORIGIN_NOT_ALLOWED', 'This origin may not connect')));
        return;
      }
      const token: unknown = socket.handshake.auth?.token;
      if (typeof token !== 'string' || token.length === 0) {
        next(handshakeError(new DomainError('UNAUTHENTICATED', 'Sign in first')));
        return;
      }
      this.authenticator
        .verifyToken(token)
        .then(({ expiresAt, ...auth }) => {
          // The verifier allows a few seconds of clock skew past `exp`; a socket would be expired at once anyway.
          if (expiresAt.getTime() <= Date.now()) throw new DomainError('TOKEN_EXPIRED', 'The access token has expired');
          Object.assign(socket.data as SocketData, { auth, tokenExpiresAt: expiresAt } satisfies SocketData);
          next();
        })
        .catch((error: unknown) => next(handshakeError(error)));
    });
  }

  async handleConnection(socket: Socket): Promise<void> {
    const { auth, tokenExpiresAt } = socket.data as SocketData;
    await socket.join(`user:${auth.userId}`);
    this.emitToSocket(socket, 'session_ready', { userId: auth.userId, serverTime: new Date().toISOString() });
    // Gone while joining: the disconnect handler has already run, so there is nothing to watch.
    if (socket.connected) this.expiry.watch(socket, tokenExpiresAt);
  }

  handleDisconnect(socket: Socket): void {
    this.expiry.forget(socket.id);
  }

  /**
   * The token this socket was let in with has expired: say so (the code the client refreshes on), then close the
   * namespace connection. The reason the client sees is "io server disconnect", so Socket.IO does not retry with
   * the stale token by itself; the client refreshes and connects again.
   */
  private expire(socket: Socket, expiredAt: Date): void {
    this.emitToSocket(socket, 'session_expired', {
      code: 'TOKEN_EXPIRED',
      message: 'Your session expired; connect again with a fresh access token',
      expiredAt: expiredAt.toISOString(),
    });
    socket.disconnect();
  }

  /** `join_room {kind, id}`: joins after the owning service says yes; the ack is `{ok}` or `{ok:false, error}`. */
  @SubscribeMessage('join_room')
  async joinRoom(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<RoomAck> {
    return this.rooms.join(socket, (socket.data as SocketData).auth, body);
  }

  @SubscribeMessage('leave_room')
  async leaveRoom(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<RoomAck> {
    return this.rooms.leave(socket, body);
  }

  emitToRoom<E extends keyof ClientEventMap>(room: RoomName, event: E, data: ClientEventMap[E]): void {
    this.server.to(room).emit(event, data);
  }

  /** For events whose names and payloads are owned by a feature service and already validated as a push. */
  emitRaw(room: RoomName, event: string, data: unknown): void {
    this.server.to(room).emit(event, data);
  }

  /**
   * Several pushes of one moment, in order, each as emitRaw would; a socket of a room that gets more than one of
   * them gets them in one TCP write (see emitCoalesced).
   */
  emitRawMany(pushes: readonly { room: RoomName; event: string; data: unknown }[]): void {
    // Only a room that gets several of them gains from holding its sockets; the others are written at once (and
    // with none repeated, emitCoalesced just emits).
    const perRoom = new Map<RoomName, number>();
    for (const push of pushes) perRoom.set(push.room, (perRoom.get(push.room) ?? 0) + 1);
    const repeated = [...perRoom].filter(([, count]) => count > 1).map(([room]) => room);
    emitCoalesced(this.server, repeated, () => {
      for (const push of pushes) this.emitRaw(push.room, push.event, push.data);
    });
  }

  private emitToSocket<E extends keyof ClientEventMap>(socket: Socket, event: E, data: ClientEventMap[E]): void {
    socket.emit(event, data);
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.server) return;
    this.logger.info('closing sockets');
    this.expiry.clear();
    this.server.disconnectSockets(true);
  }
}
