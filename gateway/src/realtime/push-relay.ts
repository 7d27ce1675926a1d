import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from 'nats';
import { LOGGER, METRICS, NATS_CONNECTION, PUSH_BATCH_SUBJECT, PushBatch, PushMessage, withPrefix, type Logger, type NatsConnection, type PlatformMetrics } from '@tec/shared';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../tokens';
import { SocketGateway } from './socket.gateway';

const decoder = new TextDecoder();

/**
 * Real time without an adapter: every gateway instance subscribes to all push subjects (no queue group) and
 * emits to its own sockets in the matching room. Any number of instances work together with no sticky state.
 */
@Injectable()
export class PushRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscription?: Subscription;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly sockets: SocketGateway,
    @Inject(METRICS) private readonly metrics: PlatformMetrics,
  ) {}

  onApplicationBootstrap(): void {
    const batchSubject = withPrefix(this.config.NATS_SUBJECT_PREFIX, PUSH_BATCH_SUBJECT);
    this.subscription = this.nats.subscribe(withPrefix(this.config.NATS_SUBJECT_PREFIX, 'push.>'), {
      callback: (error, message) => {
        if (error) return;
        let body: unknown;
        try {
          body = JSON.parse(decoder.decode(message.data));
        } catch {
          this.logger.warn({ subject: message.subject }, 'push message is not JSON');
          return;
        }
        if (message.subject !== batchSubject) {
          this.relay(message.subject, body);
          return;
        }
        // Several pushes of one moment in one message (publishPush): each relayed as if it came on its own.
        const batch = PushBatch.safeParse(body);
        if (!batch.success) {
          this.logger.warn({ subject: message.subject }, 'push batch does not match its contract');
          return;
        }
        for (const item of batch.data.items) this.relay(message.subject, item);
      },
    });
  }

  private relay(subject: string, body: unknown): void {
    const parsed = PushMessage.safeParse(body);
    if (!parsed.success) {
      this.logger.warn({ subject }, 'push message does not match its contract');
      return;
    }
    const { room, event, data } = parsed.data;
    this.sockets.emitRaw(`${room.kind}:${room.id}`, event, data);
    this.metrics.socketPushes.inc({ room_kind: room.kind });
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }
}
