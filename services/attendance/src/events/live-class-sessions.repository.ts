import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Which attendance session stands for a live class (sessions.live_class_id), found or linked once. */
@Injectable()
export class LiveClassSessionsRepository {
  async linked(liveClassId: string, db: EntityManager): Promise<string | null> {
    const rows = await db.query<{ id: string }[]>(`SELECT id FROM "attendance"."sessions" WHERE live_class_id = $1 FOR UPDATE`, [liveClassId]);
    return rows[0]?.id ?? null;
  }

  /** A scheduled, unlinked session of the course that overlaps the slot, the closest start first. */
  async matching(courseId: string, startsAt: Date, endsAt: Date, db: EntityManager): Promise<string | null> {
    const rows = await db.query<{ id: string }[]>(
      `SELECT id FROM "attendance"."sessions"
        WHERE course_id = $1 AND status = 'scheduled' AND live_class_id IS NULL AND starts_at < $3 AND ends_at > $2
        ORDER BY abs(extract(epoch FROM starts_at - $2::timestamptz)) LIMIT 1 FOR UPDATE`,
      [courseId, startsAt, endsAt],
    );
    return rows[0]?.id ?? null;
  }

  /** Links the session; a session created for a class that already happened needs no reminder. */
  async link(sessionId: string, liveClassId: string, db: EntityManager): Promise<void> {
    await db.query(`UPDATE "attendance"."sessions" SET live_class_id = $2, reminder_sent_at = COALESCE(reminder_sent_at, now()), updated_at = now() WHERE id = $1`, [
      sessionId,
      liveClassId,
    ]);
  }
}
