import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, returningRows } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';

export interface ParticipantRow {
  class_id: string;
  user_id: string;
  role: 'host' | 'attendee';
  registrant_id: string | null;
  join_url: string;
}

/** Seats (one per class and user; attendees count against capacity), join clicks, and registrant matching. */
@Injectable()
export class ParticipantsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async find(classId: string, userId: string, db: EntityManager = this.dataSource.manager): Promise<ParticipantRow | null> {
    const rows = await db.query<ParticipantRow[]>(`SELECT * FROM "live_classes"."participants" WHERE class_id = $1 AND user_id = $2`, [classId, userId]);
    return rows[0] ?? null;
  }

  async countAttendees(classId: string, db: EntityManager): Promise<number> {
    const rows = await db.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM "live_classes"."participants" WHERE class_id = $1 AND role = 'attendee'`, [classId]);
    return rows[0]!.count;
  }

  /** Takes the seat (the link is filled in after the provider call); false when someone else's insert won. */
  async reserve(classId: string, userId: string, role: 'host' | 'attendee', db: EntityManager): Promise<boolean> {
    const rows = returningRows(
      await db.query(
        `INSERT INTO "live_classes"."participants" (class_id, user_id, role, join_url) VALUES ($1, $2, $3, '') ON CONFLICT DO NOTHING RETURNING user_id`,
        [classId, userId, role],
      ),
    );
    return rows.length > 0;
  }

  async setLink(classId: string, userId: string, url: string, registrantId: string | null): Promise<void> {
    await this.dataSource.query(`UPDATE "live_classes"."participants" SET join_url = $3, registrant_id = COALESCE($4, registrant_id) WHERE class_id = $1 AND user_id = $2`, [
      classId,
      userId,
      url,
      registrantId,
    ]);
  }

  /** Gives the seat back when the provider refused the registration. */
  async release(classId: string, userId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM "live_classes"."participants" WHERE class_id = $1 AND user_id = $2 AND join_url = ''`, [classId, userId]);
  }

  async recordClick(classId: string, userId: string, id: string, at: Date): Promise<void> {
    await this.dataSource.query(`INSERT INTO "live_classes"."join_clicks" (id, class_id, user_id, clicked_at) VALUES ($1, $2, $3, $4)`, [id, classId, userId, at]);
  }

  async userByRegistrant(classId: string, registrantId: string, db: EntityManager): Promise<string | null> {
    const rows = await db.query<{ user_id: string }[]>(`SELECT user_id FROM "live_classes"."participants" WHERE class_id = $1 AND registrant_id = $2`, [classId, registrantId]);
    return rows[0]?.user_id ?? null;
  }

  /** Join clicks per user of a class (attendance without webhooks, and the report's click count). */
  async clicks(classId: string, db: EntityManager): Promise<{ user_id: string; clicked_at: Date }[]> {
    return db.query(`SELECT user_id, clicked_at FROM "live_classes"."join_clicks" WHERE class_id = $1 ORDER BY clicked_at`, [classId]);
  }
}
