import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ConnectedSocket, MessageBody, type OnGatewayConnection, type OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { DomainError, LOGGER, type ClientEventMap, type Logger } from '@tec/shared';
import { RoomAuthorizer, type RoomAck } from './room-authorizer';
import { RequestAuthenticator } from '../auth/request-authenticator';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../tokens';
import { handshakeError, isOriginAllowed, type SocketData } from './socket-auth';

export type RoomName = `${'user' | 'conversation' | 'class' | 'session' | 'course'}:${string}`;

/**
 * Authenticates each socket at the handshake (token + Origin), joins it to `user:<id>`, and emits through
 * one typed helper. Rooms for other objects are joined only after the owning service authorizes them.
 */
@Injectable()
@WebSocketGateway()
export class SocketGateway implements OnGatewayInit, OnGatewayConnection, OnApplicationShutdown {
  @WebSocketServer()
  server!: Server;

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
        .then(({ expiresAt: _expiresAt, ...auth }) => {
          (socket.data as SocketData).auth = auth;
          next();
        })
        .catch((error: unknown) => next(handshakeError(error)));
    });
  }

  async handleConnection(socket: Socket): Promise<void> {
    const { auth } = socket.data as SocketData;
    await socket.join(`user:${auth.userId}`);
    this.emitToSocket(socket, 'session_ready', { userId: auth.userId, serverTime: new Date().toISOString() });
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

  private emitToSocket<E extends keyof ClientEventMap>(socket: Socket, event: E, data: ClientEventMap[E]): void {
    socket.emit(event, data);
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.server) return;
    this.logger.info('closing sockets');
    this.server.disconnectSockets(true);
  }
}
