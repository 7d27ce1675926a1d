import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, type NotificationCategory, type NotificationView, decodeCursor, encodeCursor, iso, isoOrNull, queryRows } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';

interface NotificationRow {
  id: string;
  user_id: string;
  category: NotificationCategory;
  title: string;
  body: string;
  link: string | null;
  silent: boolean;
  read_at: Date | null;
  created_at: Date;
}

export const toNotificationView = (row: NotificationRow): NotificationView => ({
  id: row.id,
  category: row.category,
  title: row.title,
  body: row.body,
  link: row.link,
  readAt: isoOrNull(row.read_at),
  createdAt: iso(row.created_at),
});

export interface NewNotification {
  id: string;
  userId: string;
  category: NotificationCategory;
  title: string;
  body: string;
  link: string | null;
  dedupeKey: string;
  silent: boolean;
}

/** In-app notifications. Every read and write names the owner (`userId`): nobody reads another user's bell. */
@Injectable()
export class NotificationsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** At most one per dedupe key; false when it was already there (a redelivered event). */
  async insert(manager: EntityManager, notification: NewNotification): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO "notifications"."notifications" (id, user_id, category, title, body, link, dedupe_key, silent)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [notification.id, notification.userId, notification.category, notification.title, notification.body, notification.link, notification.dedupeKey, notification.silent],
    );
    return rows.length > 0;
  }

  async pageForUser(userId: string, options: { unreadOnly: boolean; cursor?: string; limit: number }) {
    const after = decodeCursor(options.cursor);
    const rows = await this.dataSource.query<NotificationRow[]>(
      `SELECT * FROM "notifications"."notifications"
       WHERE user_id = $1 AND ($2::boolean = false OR read_at IS NULL)
         AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $5`,
      [userId, options.unreadOnly, after?.at ?? null, after?.id ?? null, options.limit + 1],
    );
    const items = rows.slice(0, options.limit);
    const last = rows.length > options.limit ? items[items.length - 1] : undefined;
    return { items: items.map(toNotificationView), nextCursor: last ? encodeCursor(last.created_at, last.id) : null };
  }

  async unreadCount(userId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const rows = await manager.query<{ count: string }[]>(
      `SELECT count(*)::text AS count FROM "notifications"."notifications" WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return Number(rows[0]?.count ?? 0);
  }

  /** The owner's notification only: another user's id matches no row. Null when there is no such notification of theirs. */
  async markRead(userId: string, notificationId: string): Promise<number | null> {
    const exists = await this.dataSource.query(`SELECT 1 FROM "notifications"."notifications" WHERE id = $1 AND user_id = $2`, [notificationId, userId]);
    if (exists.length === 0) return null;
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `UPDATE "notifications"."notifications" SET read_at = now() WHERE id = $1 AND user_id = $2 AND read_at IS NULL RETURNING id`,
      [notificationId, userId],
    );
    return rows.length;
  }

  async markAllRead(userId: string): Promise<number> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `UPDATE "notifications"."notifications" SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id`,
      [userId],
    );
    return rows.length;
  }

  /**
   * Claims committed notifications not pushed yet (any instance; SKIP LOCKED). Marked pushed before the push is
   * sent: push is best effort, and a client that reconnects refetches its list.
   */
  async claimUnpushed(limit: number): Promise<(NotificationRow & { unread: number })[]> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await queryRows<NotificationRow>(
        manager,
        `UPDATE "notifications"."notifications" SET pushed_at = now()
         WHERE id IN (SELECT id FROM "notifications"."notifications" WHERE pushed_at IS NULL ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [limit],
      );
      const counts = new Map<string, number>();
      for (const row of rows) {
        if (!counts.has(row.user_id)) counts.set(row.user_id, await this.unreadCount(row.user_id, manager));
      }
      return rows
        .sort((a, b) => a.created_at.getTime() - b.created_at.getTime())
        .map((row) => ({ ...row, unread: counts.get(row.user_id) ?? 0 }));
    });
  }
}
