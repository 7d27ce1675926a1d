import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, returningRows } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';

export interface WebhookEventRow {
  id: string;
  event: string;
  payload: ZoomWebhookBody;
  attempts: number;
}

export interface ZoomWebhookBody {
  event: string;
  event_ts?: number;
  payload?: { account_id?: string; object?: Record<string, unknown> & { participant?: Record<string, unknown> } };
}

export const MAX_WEBHOOK_ATTEMPTS = 5;

/** Accepted webhooks waiting to be processed; the unique (provider, delivery_key) drops a repeated delivery. */
@Injectable()
export class WebhookEventsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** False when the same delivery was accepted before. */
  async accept(id: string, provider: string, deliveryKey: string, body: ZoomWebhookBody, receivedAt: Date): Promise<boolean> {
    const rows = returningRows(
      await this.dataSource.query(
        `INSERT INTO "live_classes"."webhook_events" (id, provider, delivery_key, event, payload, received_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (provider, delivery_key) DO NOTHING RETURNING id`,
        [id, provider, deliveryKey, body.event, JSON.stringify(body), receivedAt],
      ),
    );
    return rows.length > 0;
  }

  /** The next unprocessed events in arrival order, locked so two workers never process one twice. */
  async claim(limit: number, db: EntityManager): Promise<WebhookEventRow[]> {
    return db.query(
      `SELECT id, event, payload, attempts FROM "live_classes"."webhook_events"
        WHERE processed_at IS NULL AND attempts < $1 ORDER BY received_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [MAX_WEBHOOK_ATTEMPTS, limit],
    );
  }

  async markProcessed(ids: string[], db: EntityManager): Promise<void> {
    if (ids.length === 0) return;
    await db.query(`UPDATE "live_classes"."webhook_events" SET processed_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Processed webhooks are kept this long for support, then deleted (presence and recordings live in their own tables). */
  async purgeProcessed(olderThan: Date): Promise<number> {
    const rows = returningRows(await this.dataSource.query(`DELETE FROM "live_classes"."webhook_events" WHERE processed_at < $1 RETURNING id`, [olderThan]));
    return rows.length;
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE "live_classes"."webhook_events" SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [id, error.slice(0, 2000)]);
  }
}
