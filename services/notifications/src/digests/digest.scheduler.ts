import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CONFIG, DATA_SOURCE, LOGGER, type Logger } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { WORK_CHANNEL } from '../common/sql';
import type { NotificationsConfig } from '../config';
import { NotificationDispatcher } from '../dispatch/notification-dispatcher';
import { SuppressionsRepository } from '../email/suppressions.repository';
import { NotificationsRepository } from '../inbox/notifications.repository';
import { localParts } from '../preferences/local-time';
import { RecipientsRepository } from '../users/recipients.repository';
import { DigestItemsRepository, type DigestPeriod } from './digest-items.repository';

/** The digest this moment belongs to in the user's zone, or null when their digest hour has not come yet. */
export function dueDigestKey(period: DigestPeriod, at: Date, timezone: string, hour: number, weekday: number): string | null {
  const local = localParts(at, timezone);
  if (local.hour < hour) return null;
  if (period === 'daily') return local.date;
  return local.weekday === weekday ? `week-of-${local.date}` : null;
}

/**
 * Sends daily and weekly digests at DIGEST_HOUR in each user's own timezone; a user with nothing waiting gets
 * nothing. One digest per (user, channel, period, local date): the email's dedupe key and the items' digest key.
 */
@Injectable()
export class DigestScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: NotificationsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly items: DigestItemsRepository,
    private readonly recipients: RecipientsRepository,
    private readonly suppressions: SuppressionsRepository,
    private readonly notifications: NotificationsRepository,
    private readonly dispatcher: NotificationDispatcher,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.DIGEST_SCAN_SECONDS === 0 || !this.config.NOTIFICATION_WORKERS) return;
    this.timer = setInterval(() => {
      this.running ??= this.runDue().catch((error: unknown) => {
        this.logger.error({ err: error }, 'digest pass failed');
        return 0;
      }).finally(() => (this.running = null));
    }, this.config.DIGEST_SCAN_SECONDS * 1000);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Sends every digest that is due at `now`; returns how many went out. */
  async runDue(now = new Date()): Promise<number> {
    let sent = 0;
    for (const waiting of await this.items.waiting()) {
      const recipient = await this.recipients.findById(waiting.user_id);
      if (!recipient) continue;
      const key = dueDigestKey(waiting.period, now, recipient.timezone, this.config.DIGEST_HOUR, this.config.DIGEST_WEEKDAY);
      if (!key) continue;
      const digestKey = `${waiting.user_id}:${waiting.channel}:${waiting.period}:${key}`;
      const done = await this.dataSource.transaction(async (manager) => {
        // Already sent for this period: what arrived since waits for the next one.
        const existing = await manager.query(`SELECT 1 FROM "notifications"."digest_items" WHERE digest_key = $1 LIMIT 1`, [digestKey]);
        if (existing.length > 0) return false;
        const items = await this.items.take(manager, waiting.user_id, waiting.channel, waiting.period, digestKey);
        if (items.length === 0) return false;
        const title = `Your ${waiting.period} digest: ${items.length} update${items.length === 1 ? '' : 's'}`;
        if (waiting.channel === 'in_app') {
          await this.notifications.insert(manager, {
            id: randomUUID(), userId: recipient.id, category: 'system', title, body: items.map((item) => item.title).slice(0, 5).join(' · '),
            link: null, dedupeKey: `digest:${digestKey}`, silent: false,
          });
        } else {
          await this.dispatcher.queueEmail(
            manager,
            { eventId: null, eventSubject: null, category: 'system', template: 'digest' },
            { recipient, data: { recipient_name: recipient.firstName, period: waiting.period, count: items.length, items: items.map((item) => ({ title: item.title, body: item.body })), app_link: '/' } },
            { key: `digest:${digestKey}`, suppressed: await this.suppressions.isSuppressed(recipient.email, manager), critical: false, notBefore: new Date() },
          );
        }
        await manager.query(`SELECT pg_notify($1, '')`, [WORK_CHANNEL]);
        return true;
      });
      if (done) sent += 1;
    }
    return sent;
  }
}
