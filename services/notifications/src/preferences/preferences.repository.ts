import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, type DeliveryMode, type NotificationCategory, type NotificationChannel, type QuietHours } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';

export type ModeOverrides = Map<string, DeliveryMode>;
export const modeKey = (category: string, channel: NotificationChannel) => `${category}:${channel}`;

/** A user's own choices; every query is keyed by the user. Absent rows mean the category's default. */
@Injectable()
export class PreferencesRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async modesOf(userId: string, manager: EntityManager = this.dataSource.manager): Promise<ModeOverrides> {
    const rows = await manager.query<{ category: string; channel: NotificationChannel; mode: DeliveryMode }[]>(
      `SELECT category, channel, mode FROM "notifications"."preferences" WHERE user_id = $1`,
      [userId],
    );
    return new Map(rows.map((row) => [modeKey(row.category, row.channel), row.mode]));
  }

  async setModes(
    userId: string,
    cells: { category: NotificationCategory; channel: NotificationChannel; mode: DeliveryMode }[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    for (const cell of cells) {
      await manager.query(
        `INSERT INTO "notifications"."preferences" (user_id, category, channel, mode) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, category, channel) DO UPDATE SET mode = EXCLUDED.mode, updated_at = now()`,
        [userId, cell.category, cell.channel, cell.mode],
      );
    }
  }

  async quietHoursOf(userId: string, manager: EntityManager = this.dataSource.manager): Promise<QuietHours> {
    const rows = await manager.query<{ quiet_enabled: boolean; quiet_start: string; quiet_end: string }[]>(
      `SELECT quiet_enabled, quiet_start, quiet_end FROM "notifications"."user_settings" WHERE user_id = $1`,
      [userId],
    );
    const row = rows[0];
    return row ? { enabled: row.quiet_enabled, start: row.quiet_start, end: row.quiet_end } : { enabled: false, start: '22:00', end: '07:00' };
  }

  async setQuietHours(userId: string, quiet: QuietHours): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "notifications"."user_settings" (user_id, quiet_enabled, quiet_start, quiet_end) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE SET quiet_enabled = EXCLUDED.quiet_enabled, quiet_start = EXCLUDED.quiet_start,
         quiet_end = EXCLUDED.quiet_end, updated_at = now()`,
      [userId, quiet.enabled, quiet.start, quiet.end],
    );
  }
}
