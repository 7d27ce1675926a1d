import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, type NotificationCategory, type NotificationChannel, queryRows } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';

export type DigestPeriod = 'daily' | 'weekly';

export interface DigestItemRow {
  id: string;
  category: NotificationCategory;
  title: string;
  body: string;
  link: string | null;
  created_at: Date;
}

/** Notifications held for a user's digest; every query is keyed by the user. */
@Injectable()
export class DigestItemsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async add(
    manager: EntityManager,
    item: { id: string; userId: string; channel: NotificationChannel; period: DigestPeriod; category: NotificationCategory; title: string; body: string; link: string | null; dedupeKey: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO "notifications"."digest_items" (id, user_id, channel, period, category, title, body, link, dedupe_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (dedupe_key) DO NOTHING`,
      [item.id, item.userId, item.channel, item.period, item.category, item.title, item.body, item.link, item.dedupeKey],
    );
  }

  /** (user, channel, period) triples with something waiting. */
  async waiting(): Promise<{ user_id: string; channel: NotificationChannel; period: DigestPeriod }[]> {
    return this.dataSource.query(
      `SELECT DISTINCT user_id, channel, period FROM "notifications"."digest_items" WHERE digest_key IS NULL ORDER BY user_id, channel, period`,
    );
  }

  /** Takes the user's waiting items into the digest `digestKey` (in the caller's transaction). */
  async take(manager: EntityManager, userId: string, channel: NotificationChannel, period: DigestPeriod, digestKey: string): Promise<DigestItemRow[]> {
    const rows = await queryRows<DigestItemRow>(
      manager,
      `UPDATE "notifications"."digest_items" SET digest_key = $4
       WHERE id IN (SELECT id FROM "notifications"."digest_items" WHERE user_id = $1 AND channel = $2 AND period = $3 AND digest_key IS NULL
                    ORDER BY created_at LIMIT 200 FOR UPDATE SKIP LOCKED)
       RETURNING id, category, title, body, link, created_at`,
      [userId, channel, period, digestKey],
    );
    return rows.sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
  }
}
