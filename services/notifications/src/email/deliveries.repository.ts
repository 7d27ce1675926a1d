import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, type EmailStatus, type NotificationCategory, queryRows } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { AnalyticsRepository } from '../analytics/analytics.repository';

export interface NewDelivery {
  id: string;
  dedupeKey: string;
  userId: string | null;
  email: string;
  name: string;
  category: NotificationCategory;
  templateName: string;
  templateVersion: number;
  data: Record<string, unknown>;
  subject: string;
  critical: boolean;
  status: Extract<EmailStatus, 'pending' | 'failed' | 'suppressed' | 'skipped'>;
  /** When a pending email may go (the end of quiet hours, or now). */
  notBefore: Date;
  errorCode?: string;
  errorMessage?: string;
  eventId: string | null;
  eventSubject: string | null;
}

export interface ClaimedDelivery {
  id: string;
  user_id: string | null;
  recipient_email: string;
  recipient_name: string;
  category: NotificationCategory;
  template_name: string;
  template_version: number;
  template_data: Record<string, unknown>;
  subject: string;
  attempts: number;
  created_at: Date;
}

/** The email queue: one row per (event, recipient), claimed with SKIP LOCKED so any number of instances share it. */
@Injectable()
export class DeliveriesRepository {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly analytics: AnalyticsRepository,
  ) {}

  /** False when the dedupe key exists: the (event, recipient, channel) already has its delivery. */
  async enqueue(manager: EntityManager, delivery: NewDelivery): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO "notifications"."email_deliveries" (id, dedupe_key, user_id, recipient_email, recipient_name, category, template_name,
         template_version, template_data, subject, critical, status, next_attempt_at, error_code, error_message, event_id, event_subject)
       VALUES ($1, $2, $3, lower($4), $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [
        delivery.id, delivery.dedupeKey, delivery.userId, delivery.email, delivery.name, delivery.category, delivery.templateName,
        delivery.templateVersion, JSON.stringify(delivery.data), delivery.subject, delivery.critical, delivery.status,
        delivery.status === 'pending' ? delivery.notBefore : null, delivery.errorCode ?? null, delivery.errorMessage ?? null,
        delivery.eventId, delivery.eventSubject,
      ],
    );
    if (rows.length === 0) return false;
    if (delivery.eventSubject) await this.timeline(manager, delivery.id, 'event', { subject: delivery.eventSubject, eventId: delivery.eventId });
    const deferred = delivery.notBefore.getTime() > Date.now() + 1000;
    await this.timeline(manager, delivery.id, delivery.status === 'pending' ? 'queued' : delivery.status, {
      ...(delivery.errorCode ? { code: delivery.errorCode, message: delivery.errorMessage } : {}),
      ...(delivery.status === 'pending' && deferred ? { quietHoursUntil: delivery.notBefore.toISOString() } : {}),
    });
    if (delivery.status === 'failed') await this.analytics.bump(manager, delivery.templateName, 'failed');
    return true;
  }

  async timeline(manager: EntityManager, deliveryId: string, type: string, detail: Record<string, unknown> | null = null): Promise<void> {
    await manager.query(`INSERT INTO "notifications"."delivery_events" (delivery_id, type, detail) VALUES ($1, $2, $3)`, [
      deliveryId,
      type,
      detail && Object.keys(detail).length > 0 ? JSON.stringify(detail) : null,
    ]);
  }

  /**
   * Claims due rows: pending ones whose time has come, and rows a crashed worker left in `sending` past their
   * lock. The attempt is counted at claim time, so a crash mid-send still uses up an attempt.
   */
  async claimDue(limit: number, claimSeconds: number): Promise<ClaimedDelivery[]> {
    return queryRows<ClaimedDelivery>(
      this.dataSource,
      `UPDATE "notifications"."email_deliveries" d SET status = 'sending', attempts = d.attempts + 1, last_attempt_at = now(),
         locked_until = now() + make_interval(secs => $2), updated_at = now()
       WHERE d.id IN (
         SELECT id FROM "notifications"."email_deliveries"
         WHERE (status = 'pending' AND next_attempt_at <= now()) OR (status = 'sending' AND locked_until < now())
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING d.id, d.user_id, d.recipient_email, d.recipient_name, d.category, d.template_name, d.template_version, d.template_data,
         d.subject, d.attempts, d.created_at`,
      [limit, claimSeconds],
    );
  }

  async markSent(ids: readonly string[], templateName: string, messageId: string | null, provider: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const rows = await queryRows<{ id: string }>(
        manager,
        `UPDATE "notifications"."email_deliveries" SET status = 'sent', sent_at = now(), locked_until = NULL, next_attempt_at = NULL,
           provider_message_id = $2, error_code = NULL, error_message = NULL, updated_at = now()
         WHERE id = ANY($1::uuid[]) AND status = 'sending' RETURNING id`,
        [ids, messageId],
      );
      for (const row of rows) await this.timeline(manager, row.id, 'sent', { provider, messageId });
      await this.analytics.bump(manager, templateName, 'sent', rows.length);
    });
  }

  async markRetry(ids: readonly string[], retryAt: Date, code: string, message: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const rows = await queryRows<{ id: string }>(
        manager,
        `UPDATE "notifications"."email_deliveries" SET status = 'pending', next_attempt_at = $2, locked_until = NULL, error_code = $3,
           error_message = $4, updated_at = now() WHERE id = ANY($1::uuid[]) AND status = 'sending' RETURNING id`,
        [ids, retryAt, code, message.slice(0, 2000)],
      );
      for (const row of rows) await this.timeline(manager, row.id, 'attempt_failed', { code, message: message.slice(0, 500), retryAt: retryAt.toISOString() });
    });
  }

  /** Failed for good; returns the rows that changed (for the notifications.v1.email_failed event). */
  async markFailed(manager: EntityManager, ids: readonly string[], templateName: string, code: string, message: string) {
    const rows = await queryRows<{ id: string; user_id: string | null }>(
      manager,
      `UPDATE "notifications"."email_deliveries" SET status = 'failed', locked_until = NULL, next_attempt_at = NULL, error_code = $2,
         error_message = $3, updated_at = now() WHERE id = ANY($1::uuid[]) AND status = 'sending' RETURNING id, user_id`,
      [ids, code, message.slice(0, 2000)],
    );
    for (const row of rows) await this.timeline(manager, row.id, 'failed', { code, message: message.slice(0, 500) });
    await this.analytics.bump(manager, templateName, 'failed', rows.length);
    return rows;
  }
}
