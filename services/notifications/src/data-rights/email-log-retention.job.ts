import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { affected, CONFIG, DATA_SOURCE, IntervalJob, LOGGER, type Logger } from '@tec/shared';
import type { DataSource } from 'typeorm';
import type { NotificationsConfig } from '../config';

const BATCH = 1000;

/**
 * Purges the email log past its retention: finished deliveries (never pending or sending ones) with their
 * delivery events, and old webhook event ids. Daily analytics are aggregates without personal data and stay.
 * Deletes in batches so a first run on a large log never holds long locks; safe on any number of instances.
 */
@Injectable()
export class EmailLogRetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: IntervalJob<{ deliveries: number; webhookEvents: number }>;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: NotificationsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.job = new IntervalJob('notifications-email-log-retention', () => this.runOnce(), this.logger, (result) => {
      if (result.deliveries || result.webhookEvents) this.logger.info(result, 'email log purged past retention');
    });
  }

  onApplicationBootstrap(): void {
    this.job.start(this.config.EMAIL_RETENTION_JOB_SECONDS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  async runOnce(now: Date = new Date()): Promise<{ deliveries: number; webhookEvents: number }> {
    let deliveries = 0;
    if (this.config.EMAIL_LOG_RETENTION_DAYS > 0) {
      const cutoff = new Date(now.getTime() - this.config.EMAIL_LOG_RETENTION_DAYS * 86_400_000);
      for (;;) {
        const count = await affected(
          this.dataSource,
          `DELETE FROM "notifications"."email_deliveries" WHERE id IN (
             SELECT id FROM "notifications"."email_deliveries" WHERE created_at < $1 AND status NOT IN ('pending', 'sending')
             ORDER BY created_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED) RETURNING 1`,
          [cutoff],
        );
        deliveries += count;
        if (count < BATCH) break;
      }
    }
    const webhookCutoff = new Date(now.getTime() - this.config.EMAIL_WEBHOOK_EVENT_RETENTION_DAYS * 86_400_000);
    const webhookEvents = await affected(this.dataSource, `DELETE FROM "notifications"."webhook_events" WHERE received_at < $1 RETURNING 1`, [webhookCutoff]);
    return { deliveries, webhookEvents };
  }
}
