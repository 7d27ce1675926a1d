import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, LOGGER, NATS_CONNECTION, publishPush, type ClientEventMap, type Logger, type PushRoomKind } from '@tec/shared';
import type { NatsConnection } from 'nats';
import type { ChatConfig } from '../config';

/**
 * Pushes chat events to socket rooms through NATS `push.<kind>.<id>`, after the change committed. Every gateway
 * instance relays them to its own sockets, so a participant on another instance gets them too. Best effort: a
 * client that reconnects fetches `after` the last message id it saw.
 */
@Injectable()
export class ChatPush {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(CONFIG) private readonly config: ChatConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  toConversation<E extends keyof ClientEventMap>(conversationId: string, event: E, data: ClientEventMap[E]): void {
    this.emit('conversation', conversationId, event, data);
  }

  toUser<E extends keyof ClientEventMap>(userId: string, event: E, data: ClientEventMap[E]): void {
    this.emit('user', userId, event, data);
  }

  private emit(kind: PushRoomKind, id: string, event: string, data: unknown): void {
    try {
      publishPush(this.nats, this.config.NATS_SUBJECT_PREFIX, { room: { kind, id }, event, data });
    } catch (error) {
      this.logger.warn({ err: error, kind, id, event }, 'chat push failed');
    }
  }
}
