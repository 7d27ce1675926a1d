import { Inject, Injectable } from '@nestjs/common';
import {
  DATA_SOURCE,
  type DeliveryView,
  type EmailStatus,
  type NotificationCategory,
  decodeCursor,
  encodeCursor,
  iso,
  isoOrNull,
  queryRows,
} from '@tec/shared';
import type { DataSource } from 'typeorm';

interface DeliveryRow {
  id: string;
  recipient_email: string;
  user_id: string | null;
  template_name: string;
  category: NotificationCategory;
  subject: string;
  status: EmailStatus;
  attempts: number;
  error_code: string | null;
  error_message: string | null;
  provider_message_id: string | null;
  event_subject: string | null;
  created_at: Date;
  next_attempt_at: Date | null;
  sent_at: Date | null;
  delivered_at: Date | null;
  opened_at: Date | null;
}

const toView = (row: DeliveryRow): DeliveryView => ({
  id: row.id,
  recipientEmail: row.recipient_email,
  userId: row.user_id,
  templateName: row.template_name,
  category: row.category,
  subject: row.subject,
  status: row.status,
  attempts: row.attempts,
  errorCode: row.error_code,
  errorMessage: row.error_message,
  providerMessageId: row.provider_message_id,
  eventSubject: row.event_subject,
  queuedAt: iso(row.created_at),
  nextAttemptAt: isoOrNull(row.next_attempt_at),
  sentAt: isoOrNull(row.sent_at),
  deliveredAt: isoOrNull(row.delivered_at),
  openedAt: isoOrNull(row.opened_at),
});

/** The admin's view of the email queue: search, timelines, stats and manual retry. Admin-only callers. */
@Injectable()
export class DeliveryLogRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async page(filter: { search?: string; status?: EmailStatus; templateName?: string; cursor?: string; limit: number }) {
    const after = decodeCursor(filter.cursor);
    const rows = await this.dataSource.query<DeliveryRow[]>(
      `SELECT * FROM "notifications"."email_deliveries"
       WHERE ($1::text IS NULL OR recipient_email ILIKE '%' || $1 || '%' OR subject ILIKE '%' || $1 || '%')
         AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR template_name = $3)
         AND ($4::timestamptz IS NULL OR (created_at, id) < ($4, $5::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $6`,
      [filter.search?.replace(/[%_\\]/g, '\\$&') || null, filter.status ?? null, filter.templateName ?? null, after?.at ?? null, after?.id ?? null, filter.limit + 1],
    );
    const items = rows.slice(0, filter.limit);
    const last = rows.length > filter.limit ? items[items.length - 1] : undefined;
    return { items: items.map(toView), nextCursor: last ? encodeCursor(last.created_at, last.id) : null };
  }

  async get(deliveryId: string): Promise<DeliveryView | null> {
    const rows = await this.dataSource.query<DeliveryRow[]>(`SELECT * FROM "notifications"."email_deliveries" WHERE id = $1`, [deliveryId]);
    return rows[0] ? toView(rows[0]) : null;
  }

  async timeline(deliveryId: string) {
    const rows = await this.dataSource.query<{ type: string; at: Date; detail: Record<string, unknown> | null }[]>(
      `SELECT type, at, detail FROM "notifications"."delivery_events" WHERE delivery_id = $1 ORDER BY at, id`,
      [deliveryId],
    );
    return rows.map((row) => ({ type: row.type, at: iso(row.at), detail: row.detail }));
  }

  /** Failed, bounced or dropped → pending now, attempts reset. False when the delivery is in another state. */
  async requeue(deliveryId: string, actorId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await queryRows<{ id: string }>(
        manager,
        `UPDATE "notifications"."email_deliveries" SET status = 'pending', attempts = 0, next_attempt_at = now(), locked_until = NULL, updated_at = now()
         WHERE id = $1 AND status IN ('failed', 'bounced', 'dropped') RETURNING id`,
        [deliveryId],
      );
      if (rows.length === 0) return false;
      await manager.query(`INSERT INTO "notifications"."delivery_events" (delivery_id, type, detail) VALUES ($1, 'retried', $2)`, [deliveryId, JSON.stringify({ by: actorId })]);
      await manager.query(`SELECT pg_notify('notifications_work', '')`);
      return true;
    });
  }

  async stats() {
    const rows = await this.dataSource.query<{ pending: string; retrying: string; sent_today: string; failed_today: string; ok_24h: string; bad_24h: string; oldest: Date | null }[]>(
      `SELECT
         count(*) FILTER (WHERE status IN ('pending', 'sending'))::text AS pending,
         count(*) FILTER (WHERE status = 'pending' AND attempts > 0)::text AS retrying,
         count(*) FILTER (WHERE sent_at >= date_trunc('day', now()))::text AS sent_today,
         count(*) FILTER (WHERE status = 'failed' AND updated_at >= date_trunc('day', now()))::text AS failed_today,
         count(*) FILTER (WHERE sent_at >= now() - interval '24 hours' AND status NOT IN ('bounced', 'dropped'))::text AS ok_24h,
         count(*) FILTER (WHERE updated_at >= now() - interval '24 hours' AND status IN ('failed', 'bounced', 'dropped'))::text AS bad_24h,
         min(created_at) FILTER (WHERE status IN ('pending', 'sending')) AS oldest
       FROM "notifications"."email_deliveries"`,
    );
    const row = rows[0]!;
    const ok = Number(row.ok_24h);
    const bad = Number(row.bad_24h);
    return {
      pending: Number(row.pending),
      retrying: Number(row.retrying),
      sentToday: Number(row.sent_today),
      failedToday: Number(row.failed_today),
      successRate: ok + bad === 0 ? null : Math.round((ok / (ok + bad)) * 10000) / 100,
      oldestPendingAt: isoOrNull(row.oldest),
    };
  }
}
