import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from 'nats';
import { LOGGER, METRICS, NATS_CONNECTION, PUSH_BATCH_SUBJECT, PushBatch, PushMessage, withPrefix, type Logger, type NatsConnection, type PlatformMetrics, type PushRoomKind } from '@tec/shared';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../tokens';
import { SocketGateway, type RoomName } from './socket.gateway';

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
          this.relay(message.subject, [body]);
          return;
        }
        // Several pushes of one moment in one message (publishPush): each relayed as if it came on its own.
        const batch = PushBatch.safeParse(body);
        if (!batch.success) {
          this.logger.warn({ subject: message.subject }, 'push batch does not match its contract');
          return;
        }
        this.relay(message.subject, batch.data.items);
      },
    });
  }

  /** Relays the valid pushes in order (an invalid one is logged and skipped); a socket's share goes in one write. */
  private relay(subject: string, bodies: readonly unknown[]): void {
    const pushes: { room: RoomName; event: string; data: unknown }[] = [];
    const perKind = new Map<PushRoomKind, number>();
    for (const body of bodies) {
      const parsed = PushMessage.safeParse(body);
      if (!parsed.success) {
        this.logger.warn({ subject }, 'push message does not match its contract');
        continue;
      }
      const { room, event, data } = parsed.data;
      pushes.push({ room: `${room.kind}:${room.id}`, event, data });
      perKind.set(room.kind, (perKind.get(room.kind) ?? 0) + 1);
    }
    if (pushes.length === 0) return;
    this.sockets.emitRawMany(pushes);
    for (const [kind, count] of perKind) this.metrics.socketPushes.inc({ room_kind: kind }, count);
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }
}
