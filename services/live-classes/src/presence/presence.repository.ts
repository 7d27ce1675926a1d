import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import type { PresenceKind } from './intervals';

export interface ResultRow {
  student_id: string;
  minutes_attended: number;
  attended_ratio: number;
  score: number;
  first_joined_at: Date | null;
  questions_asked: number;
  votes_given: number;
  join_clicks: number;
  computed_at: Date;
}

/** Presence events from the provider's webhooks and the computed per-student results. */
@Injectable()
export class PresenceRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Idempotent: the same (participant, kind, instant) twice is one row. */
  async insert(
    event: { classId: string; userId: string | null; participantKey: string; kind: PresenceKind; at: Date; displayName: string | null; email: string | null },
    db: EntityManager,
  ): Promise<void> {
    await db.query(
      `INSERT INTO "live_classes"."presence_events" (class_id, user_id, participant_key, kind, at, display_name, email)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [event.classId, event.userId, event.participantKey, event.kind, event.at, event.displayName, event.email],
    );
  }

  async forClass(classId: string, db: EntityManager): Promise<{ user_id: string; participant_key: string; kind: PresenceKind; at: Date }[]> {
    return db.query(`SELECT user_id, participant_key, kind, at FROM "live_classes"."presence_events" WHERE class_id = $1 AND user_id IS NOT NULL ORDER BY at`, [classId]);
  }

  async replaceResults(classId: string, rows: Omit<ResultRow, 'computed_at'>[], computedAt: Date, db: EntityManager): Promise<void> {
    await db.query(`DELETE FROM "live_classes"."attendance_results" WHERE class_id = $1`, [classId]);
    if (rows.length === 0) return;
    await db.query(
      `INSERT INTO "live_classes"."attendance_results" (class_id, student_id, minutes_attended, attended_ratio, score, first_joined_at, questions_asked, votes_given, join_clicks, computed_at)
       SELECT $1, * , $10 FROM unnest($2::uuid[], $3::numeric[], $4::numeric[], $5::numeric[], $6::timestamptz[], $7::int[], $8::int[], $9::int[])`,
      [
        classId,
        rows.map((row) => row.student_id),
        rows.map((row) => row.minutes_attended),
        rows.map((row) => row.attended_ratio),
        rows.map((row) => row.score),
        rows.map((row) => row.first_joined_at),
        rows.map((row) => row.questions_asked),
        rows.map((row) => row.votes_given),
        rows.map((row) => row.join_clicks),
        computedAt,
      ],
    );
  }

  async results(classId: string, studentId?: string): Promise<(ResultRow & { first_name: string; last_name: string; email: string })[]> {
    return this.dataSource.query(
      `SELECT r.student_id, r.minutes_attended::float AS minutes_attended, r.attended_ratio::float AS attended_ratio, r.score::float AS score, r.first_joined_at,
              r.questions_asked, r.votes_given, r.join_clicks, r.computed_at, u.first_name, u.last_name, u.email
         FROM "live_classes"."attendance_results" r JOIN "live_classes"."users" u ON u.id = r.student_id
        WHERE r.class_id = $1 AND ($2::uuid IS NULL OR r.student_id = $2)
        ORDER BY u.last_name, u.first_name, u.id`,
      [classId, studentId ?? null],
    );
  }
}
