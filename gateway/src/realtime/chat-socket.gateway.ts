import { Inject, Injectable } from '@nestjs/common';
import { ConnectedSocket, MessageBody, type OnGatewayConnection, type OnGatewayDisconnect, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import {
  chatRpc,
  currentCorrelationId,
  DomainError,
  ERROR_HTTP_STATUS,
  isDomainError,
  JoinConversationEvent,
  NATS_CONNECTION,
  newCorrelationId,
  parseOrThrow,
  PresenceEvent,
  publishPush,
  ReadMessageEvent,
  RpcClient,
  runWithContext,
  SendMessageEvent,
  TYPING_THROTTLE_MS,
  TypingEvent,
  type ChatMessage,
  type ClientEventMap,
  type ErrorBody,
  type NatsConnection,
  type RpcResponse,
} from '@tec/shared';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../tokens';
import { ChatPresenceReporter } from './chat-presence.reporter';
import { RoomAuthorizer } from './room-authorizer';
import type { SocketData } from './socket-auth';

type Ack<T> = ({ ok: true } & T) | { ok: false; error: ErrorBody };

/**
 * The chat socket events (see libs/shared/src/contracts/chat/chat.socket.ts). Shares the Socket.IO server, and so
 * the handshake authentication, of SocketGateway. Every handler is thin: the chat service authorizes and decides;
 * only typing, which is ephemeral and never stored, is relayed here, and only for rooms the socket was allowed into.
 */
@Injectable()
@WebSocketGateway()
export class ChatSocketGateway implements OnGatewayConnection, OnGatewayDisconnect {
  /** socket id → conversation id → last `typing: true` relayed (ms). */
  private readonly typingAt = new Map<string, Map<string, number>>();

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    private readonly rpc: RpcClient,
    private readonly rooms: RoomAuthorizer,
    private readonly presence: ChatPresenceReporter,
  ) {}

  handleConnection(socket: Socket): void {
    const { auth } = socket.data as SocketData;
    if (auth) this.presence.set(socket.id, auth.userId, 'online');
  }

  handleDisconnect(socket: Socket): void {
    this.typingAt.delete(socket.id);
    const { auth } = socket.data as SocketData;
    if (auth) this.presence.set(socket.id, auth.userId, 'offline');
  }

  /** `join_conversation {conversationId}`: participants only (chat's roomAccess). Ack `{ok, room}`. */
  @SubscribeMessage('join_conversation')
  async join(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown) {
    const parsed = JoinConversationEvent.safeParse(body);
    return this.rooms.join(socket, this.auth(socket), { kind: 'conversation', id: parsed.success ? parsed.data.conversationId : '' });
  }

  @SubscribeMessage('leave_conversation')
  async leave(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown) {
    const parsed = JoinConversationEvent.safeParse(body);
    return this.rooms.leave(socket, { kind: 'conversation', id: parsed.success ? parsed.data.conversationId : '' });
  }

  /** `send_message`: the REST body plus conversationId. Ack `{ok, message}`; everyone in the room gets `new_message`. */
  @SubscribeMessage('send_message')
  send(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack<{ message: ChatMessage }>> {
    return this.acknowledge(async () => {
      const request = parseOrThrow(SendMessageEvent, body, 'send_message');
      return { message: await this.rpc.call(chatRpc.messagesSend, request, this.auth(socket)) };
    });
  }

  /** `read_message {conversationId, messageId}`: moves the read watermark. Ack `{ok, read}`; the room gets `message_read`. */
  @SubscribeMessage('read_message')
  read(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack<{ read: RpcResponse<typeof chatRpc.messagesRead> }>> {
    return this.acknowledge(async () => {
      const request = parseOrThrow(ReadMessageEvent, body, 'read_message');
      return { read: await this.rpc.call(chatRpc.messagesRead, request, this.auth(socket)) };
    });
  }

  /**
   * `typing {conversationId, typing}`: relayed through NATS to the room on every gateway instance, at most one
   * `typing: true` per socket and conversation every TYPING_THROTTLE_MS; never stored.
   */
  @SubscribeMessage('typing')
  typing(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack<{ relayed: boolean }>> {
    return this.acknowledge(async () => {
      const { conversationId, typing } = parseOrThrow(TypingEvent, body, 'typing');
      if (!socket.rooms.has(`conversation:${conversationId}`)) throw DomainError.forbidden('Join the conversation first');
      const perSocket = this.typingAt.get(socket.id) ?? new Map<string, number>();
      this.typingAt.set(socket.id, perSocket);
      const now = Date.now();
      if (typing && now - (perSocket.get(conversationId) ?? 0) < TYPING_THROTTLE_MS) return { relayed: false };
      if (typing) perSocket.set(conversationId, now);
      else perSocket.delete(conversationId);
      const data: ClientEventMap['typing'] = { conversationId, userId: this.auth(socket).userId, typing };
      publishPush(this.nats, this.config.NATS_SUBJECT_PREFIX, { room: { kind: 'conversation', id: conversationId }, event: 'typing', data });
      return { relayed: true };
    });
  }

  /** `presence {status: 'online' | 'idle'}`: this tab went idle or became active again. */
  @SubscribeMessage('presence')
  setPresence(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack<{ status: 'online' | 'idle' }>> {
    return this.acknowledge(async () => {
      const { status } = parseOrThrow(PresenceEvent, body, 'presence');
      this.presence.set(socket.id, this.auth(socket).userId, status);
      return { status };
    });
  }

  private auth(socket: Socket) {
    return (socket.data as SocketData).auth;
  }

  private acknowledge<T extends object>(work: () => Promise<T>): Promise<Ack<T>> {
    return runWithContext({ correlationId: newCorrelationId() }, async () => {
      try {
        return { ok: true as const, ...(await work()) };
      } catch (error) {
        const domain = isDomainError(error) ? error : new DomainError('INTERNAL', 'Something went wrong on our side');
        return {
          ok: false as const,
          error: { statusCode: ERROR_HTTP_STATUS[domain.code], code: domain.code, message: domain.message, details: domain.details, correlationId: currentCorrelationId() },
        };
      }
    });
  }
}
