import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, type Geofence, returningRows } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import type { SessionWindow } from './session-schedule';
import type { CountsRow, SessionRow } from './session.mapper';

export interface NewSession extends SessionWindow {
  courseId: string;
  seriesId: string | null;
  startsAt: Date;
  endsAt: Date;
  topic: string | null;
  geofence: Geofence | null;
  ipAllowList: string[];
  createdBy: string | null;
}

const SELECT = `SELECT s.*, c.code AS course_code, c.title AS course_title
  FROM "attendance"."sessions" s JOIN "attendance"."courses" c ON c.id = s.course_id`;

const COUNTS = `
  SELECT count(*) FILTER (WHERE r.status = 'present')::int AS present,
         count(*) FILTER (WHERE r.status = 'late')::int AS late,
         count(*) FILTER (WHERE r.status = 'absent')::int AS absent,
         count(*) FILTER (WHERE r.status = 'excused')::int AS excused,
         (SELECT count(*)::int FROM "attendance"."enrollments" e WHERE e.course_id = s.course_id AND e.active) AS enrolled
    FROM "attendance"."sessions" s LEFT JOIN "attendance"."records" r ON r.session_id = s.id
   WHERE s.id = $1 GROUP BY s.id, s.course_id`;

@Injectable()
export class SessionsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async insertMany(sessions: NewSession[], db: EntityManager): Promise<string[]> {
    const ids: string[] = [];
    for (const session of sessions) {
      const id = randomUUID();
      ids.push(id);
      await db.query(
        `INSERT INTO "attendance"."sessions" (id, course_id, series_id, starts_at, ends_at, topic, checkin_opens_at, late_after,
           checkin_closes_at, geofence, ip_allow_list, qr_secret, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          id, session.courseId, session.seriesId, session.startsAt, session.endsAt, session.topic, session.checkinOpensAt, session.lateAfter,
          session.checkinClosesAt, session.geofence ? JSON.stringify(session.geofence) : null, session.ipAllowList, randomBytes(32), session.createdBy,
        ],
      );
    }
    return ids;
  }

  async findById(sessionId: string, db: EntityManager = this.dataSource.manager, lock = false): Promise<SessionRow | null> {
    const rows = await db.query<SessionRow[]>(`${SELECT} WHERE s.id = $1${lock ? ' FOR UPDATE OF s' : ''}`, [sessionId]);
    return rows[0] ?? null;
  }

  async findManyByIds(sessionIds: string[], db: EntityManager = this.dataSource.manager): Promise<SessionRow[]> {
    return db.query<SessionRow[]>(`${SELECT} WHERE s.id = ANY($1::uuid[]) ORDER BY s.starts_at`, [sessionIds]);
  }

  /** Sessions of the given courses (null = every course) starting in [from, to). */
  async list(courseIds: string[] | null, from: Date, to: Date, includeCancelled: boolean, limit: number): Promise<SessionRow[]> {
    return this.dataSource.query<SessionRow[]>(
      `${SELECT} WHERE ($1::uuid[] IS NULL OR s.course_id = ANY($1::uuid[])) AND s.starts_at >= $2 AND s.starts_at < $3
         AND ($4 OR s.status = 'scheduled') ORDER BY s.starts_at, s.id LIMIT $5`,
      [courseIds, from, to, includeCancelled, limit],
    );
  }

  async countsFor(sessionId: string, db: EntityManager = this.dataSource.manager): Promise<CountsRow | undefined> {
    const rows = await db.query<CountsRow[]>(COUNTS, [sessionId]);
    return rows[0];
  }

  async countsForMany(sessionIds: string[]): Promise<Map<string, CountsRow>> {
    if (sessionIds.length === 0) return new Map();
    const rows = await this.dataSource.query<(CountsRow & { id: string })[]>(
      `SELECT s.id,
              count(r.id) FILTER (WHERE r.status = 'present')::int AS present,
              count(r.id) FILTER (WHERE r.status = 'late')::int AS late,
              count(r.id) FILTER (WHERE r.status = 'absent')::int AS absent,
              count(r.id) FILTER (WHERE r.status = 'excused')::int AS excused,
              (SELECT count(*)::int FROM "attendance"."enrollments" e WHERE e.course_id = s.course_id AND e.active) AS enrolled
         FROM "attendance"."sessions" s LEFT JOIN "attendance"."records" r ON r.session_id = s.id
        WHERE s.id = ANY($1::uuid[]) GROUP BY s.id, s.course_id`,
      [sessionIds],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  async update(
    sessionId: string,
    changes: { startsAt: Date; endsAt: Date; topic: string | null; geofence: Geofence | null; ipAllowList: string[] } & SessionWindow,
    db: EntityManager,
  ): Promise<void> {
    await db.query(
      `UPDATE "attendance"."sessions" SET starts_at = $2, ends_at = $3, topic = $4, geofence = $5, ip_allow_list = $6,
         checkin_opens_at = $7, late_after = $8, checkin_closes_at = $9,
         reminder_sent_at = CASE WHEN starts_at = $2 THEN reminder_sent_at ELSE NULL END, updated_at = now()
       WHERE id = $1`,
      [sessionId, changes.startsAt, changes.endsAt, changes.topic, changes.geofence ? JSON.stringify(changes.geofence) : null, changes.ipAllowList,
        changes.checkinOpensAt, changes.lateAfter, changes.checkinClosesAt],
    );
    await db.query(`UPDATE "attendance"."records" SET session_starts_at = $2 WHERE session_id = $1`, [sessionId, changes.startsAt]);
  }

  /** This session, or it and the later scheduled ones of its series; locked, for the cancel use case. */
  async lockForCancel(session: SessionRow, following: boolean, db: EntityManager): Promise<SessionRow[]> {
    if (!following || !session.series_id) return db.query<SessionRow[]>(`${SELECT} WHERE s.id = $1 FOR UPDATE OF s`, [session.id]);
    return db.query<SessionRow[]>(
      `${SELECT} WHERE s.series_id = $1 AND s.starts_at >= $2 AND s.status = 'scheduled' ORDER BY s.starts_at FOR UPDATE OF s`,
      [session.series_id, session.starts_at],
    );
  }

  /**
   * The session's state under a shared lock, inside a check-in transaction: cancelling or closing takes the row
   * FOR UPDATE, so no check-in can slip in after them, whatever a cache said.
   */
  async lockShared(sessionId: string, db: EntityManager): Promise<{ status: string; closed_at: Date | null } | null> {
    const rows = await db.query<{ status: string; closed_at: Date | null }[]>(
      `SELECT status, closed_at FROM "attendance"."sessions" WHERE id = $1 FOR SHARE`,
      [sessionId],
    );
    return rows[0] ?? null;
  }

  async markCancelled(sessionIds: string[], reason: string | null, db: EntityManager): Promise<void> {
    await db.query(
      `UPDATE "attendance"."sessions" SET status = 'cancelled', cancelled_reason = $2, updated_at = now() WHERE id = ANY($1::uuid[])`,
      [sessionIds, reason],
    );
  }

  /** Future sessions follow a policy change; sessions whose check-in has opened keep their window. */
  async retime(courseId: string, timings: { lateAfterMinutes: number; checkinOpensBeforeMinutes: number; checkinClosesAfterMinutes: number }, db: EntityManager): Promise<void> {
    await db.query(
      `UPDATE "attendance"."sessions" SET
         checkin_opens_at = starts_at - make_interval(mins => $2),
         late_after = LEAST(starts_at + make_interval(mins => $3), starts_at + make_interval(mins => $4)),
         checkin_closes_at = starts_at + make_interval(mins => $4), updated_at = now()
       WHERE course_id = $1 AND status = 'scheduled' AND closed_at IS NULL AND checkin_opens_at > now()`,
      [courseId, timings.checkinOpensBeforeMinutes, timings.lateAfterMinutes, timings.checkinClosesAfterMinutes],
    );
  }

  async markClosed(sessionId: string, at: Date, db: EntityManager): Promise<void> {
    await db.query(`UPDATE "attendance"."sessions" SET closed_at = $2 WHERE id = $1`, [sessionId, at]);
  }

  /** Due sessions for the lifecycle job, claimed so two instances never take the same one. */
  async claimToClose(now: Date, limit: number, db: EntityManager): Promise<string[]> {
    const rows = await db.query<{ id: string }[]>(
      `SELECT id FROM "attendance"."sessions" WHERE status = 'scheduled' AND closed_at IS NULL AND checkin_closes_at <= $1
        ORDER BY checkin_closes_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map((row) => row.id);
  }

  async claimToRemind(now: Date, minutesBefore: number, limit: number, db: EntityManager): Promise<string[]> {
    const result = await db.query(
      `UPDATE "attendance"."sessions" SET reminder_sent_at = $1
        WHERE id IN (SELECT id FROM "attendance"."sessions"
                      WHERE status = 'scheduled' AND reminder_sent_at IS NULL AND starts_at > $1
                        AND starts_at <= $1::timestamptz + make_interval(mins => $2)
                      ORDER BY starts_at LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [now, minutesBefore, limit],
    );
    return returningRows<{ id: string }>(result).map((row) => row.id);
  }

  async countForCourse(courseId: string): Promise<number> {
    const rows = await this.dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM "attendance"."sessions" WHERE course_id = $1`, [courseId]);
    return rows[0]?.count ?? 0;
  }
}
