import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CONFIG, LOGGER, NATS_CONNECTION, publishPush, type ClientEventMap, type Logger, type NatsConnection } from '@tec/shared';
import { WorkLoop } from '../common/work-signal';
import type { NotificationsConfig } from '../config';
import { WorkSignalHost } from '../email/work-signal.host';
import { NotificationsRepository } from './notifications.repository';

const BATCH = 200;

/**
 * Pushes new in-app notifications to `user:<id>` with the unread count, after their transaction committed (the
 * NOTIFY arrives on commit; rows are claimed once, by any instance). Best effort: the bell refetches on reconnect.
 */
@Injectable()
export class PushNotifier implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: WorkLoop;

  constructor(
    @Inject(CONFIG) private readonly config: NotificationsConfig,
    @Inject(LOGGER) logger: Logger,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    private readonly notifications: NotificationsRepository,
    private readonly signal: WorkSignalHost,
  ) {
    this.loop = new WorkLoop('push', async () => (await this.flush()) === BATCH, logger, config.EMAIL_WORKER_POLL_MS);
  }

  onApplicationBootstrap(): void {
    if (!this.config.NOTIFICATION_WORKERS) return;
    this.signal.onWake(() => this.loop.wake());
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Pushes what is waiting; returns how many it pushed. */
  async flush(): Promise<number> {
    const rows = await this.notifications.claimUnpushed(BATCH);
    for (const row of rows) {
      const data: ClientEventMap['notification'] = {
        id: row.id,
        title: row.title,
        body: row.body,
        createdAt: row.created_at.toISOString(),
        category: row.category,
        link: row.link,
        unreadCount: row.unread,
        silent: row.silent,
      };
      publishPush(this.nats, this.config.NATS_SUBJECT_PREFIX, { room: { kind: 'user', id: row.user_id }, event: 'notification', data });
    }
    return rows.length;
  }

  /** After reads: other tabs and devices update their badge. */
  pushRead(userId: string, ids: string[] | 'all', unreadCount: number): void {
    const data: ClientEventMap['notifications_read'] = { ids, unreadCount };
    publishPush(this.nats, this.config.NATS_SUBJECT_PREFIX, { room: { kind: 'user', id: userId }, event: 'notifications_read', data });
  }
}
