import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, type AttendanceRecord, type AttendanceStatus, type MarkingMethod, iso, isoOrNull, returningRows } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';

export interface RecordRow {
  id: string;
  session_id: string;
  course_id: string;
  student_id: string;
  session_starts_at: Date;
  status: AttendanceStatus;
  method: MarkingMethod;
  marked_by: string | null;
  marked_at: Date;
  checked_in_at: Date | null;
  note: string | null;
}

export interface NewRecord {
  sessionId: string;
  courseId: string;
  studentId: string;
  sessionStartsAt: Date;
  status: AttendanceStatus;
  method: MarkingMethod;
  markedBy: string | null;
  note: string | null;
  checkIn?: { at: Date; latitude: number | null; longitude: number | null; deviceHash: string | null; clientHash: string | null };
}

export interface StatsRow {
  present: number;
  late: number;
  absent: number;
  excused: number;
  below_threshold: boolean;
}

export function toRecord(row: RecordRow): AttendanceRecord {
  return {
    id: row.id,
    sessionId: row.session_id,
    courseId: row.course_id,
    studentId: row.student_id,
    status: row.status,
    method: row.method,
    markedBy: row.marked_by,
    markedAt: iso(row.marked_at),
    checkedInAt: isoOrNull(row.checked_in_at),
    note: row.note,
    sessionStartsAt: iso(row.session_starts_at),
  };
}

const RECORD_COLUMNS = `id, session_id, course_id, student_id, session_starts_at, status, method, marked_by, marked_at, checked_in_at, note`;

/** Attendance records, their audit trail and the per student × course counters, always scoped by session or course. */
@Injectable()
export class RecordsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async lockOne(sessionId: string, studentId: string, db: EntityManager): Promise<RecordRow | null> {
    const rows = await db.query<RecordRow[]>(
      `SELECT ${RECORD_COLUMNS} FROM "attendance"."records" WHERE session_id = $1 AND student_id = $2 FOR UPDATE`,
      [sessionId, studentId],
    );
    return rows[0] ?? null;
  }

  /** Null when a record already exists (the unique constraint decides between concurrent check-ins). */
  async insertIfAbsent(record: NewRecord, db: EntityManager): Promise<RecordRow | null> {
    const rows = await db.query<RecordRow[]>(
      `INSERT INTO "attendance"."records" (id, session_id, course_id, student_id, session_starts_at, status, method, marked_by, marked_at,
         checked_in_at, latitude, longitude, device_hash, client_hash, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, COALESCE($9, now()), $9, $10, $11, $12, $13, $14)
       ON CONFLICT (session_id, student_id) DO NOTHING RETURNING ${RECORD_COLUMNS}`,
      [
        randomUUID(), record.sessionId, record.courseId, record.studentId, record.sessionStartsAt, record.status, record.method, record.markedBy,
        record.checkIn?.at ?? null, record.checkIn?.latitude ?? null, record.checkIn?.longitude ?? null, record.checkIn?.deviceHash ?? null,
        record.checkIn?.clientHash ?? null, record.note,
      ],
    );
    return rows[0] ?? null;
  }

  async updateStatus(id: string, change: { status: AttendanceStatus; method: MarkingMethod; markedBy: string | null; note: string | null }, db: EntityManager): Promise<RecordRow> {
    const result = await db.query(
      `UPDATE "attendance"."records" SET status = $2, method = $3, marked_by = $4, note = $5, marked_at = now() WHERE id = $1 RETURNING ${RECORD_COLUMNS}`,
      [id, change.status, change.method, change.markedBy, change.note],
    );
    return returningRows<RecordRow>(result)[0]!;
  }

  async audit(
    entry: { record: RecordRow; fromStatus: AttendanceStatus | null; method: MarkingMethod; actorId: string | null; note: string | null },
    db: EntityManager,
  ): Promise<void> {
    await db.query(
      `INSERT INTO "attendance"."audit" (record_id, session_id, course_id, student_id, from_status, to_status, method, actor_id, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [entry.record.id, entry.record.session_id, entry.record.course_id, entry.record.student_id, entry.fromStatus, entry.record.status, entry.method, entry.actorId, entry.note],
    );
  }

  /** Moves one count from `from` to `to` (either may be null) and returns the counters after the move. */
  async shiftStats(courseId: string, studentId: string, from: AttendanceStatus | null, to: AttendanceStatus | null, db: EntityManager): Promise<StatsRow> {
    const delta = (status: AttendanceStatus) => (to === status ? 1 : 0) - (from === status ? 1 : 0);
    const rows = await db.query<StatsRow[]>(
      `INSERT INTO "attendance"."stats" AS s (course_id, student_id, present, late, absent, excused)
       VALUES ($1, $2, GREATEST($3, 0), GREATEST($4, 0), GREATEST($5, 0), GREATEST($6, 0))
       ON CONFLICT (course_id, student_id) DO UPDATE SET present = s.present + $3, late = s.late + $4, absent = s.absent + $5,
         excused = s.excused + $6, updated_at = now()
       RETURNING present, late, absent, excused, below_threshold`,
      [courseId, studentId, delta('present'), delta('late'), delta('absent'), delta('excused')],
    );
    return rows[0]!;
  }

  async lockStats(courseId: string, studentId: string, db: EntityManager): Promise<StatsRow | null> {
    const rows = await db.query<StatsRow[]>(
      `SELECT present, late, absent, excused, below_threshold FROM "attendance"."stats" WHERE course_id = $1 AND student_id = $2 FOR UPDATE`,
      [courseId, studentId],
    );
    return rows[0] ?? null;
  }

  async setBelowThreshold(courseId: string, studentId: string, below: boolean, db: EntityManager): Promise<void> {
    await db.query(`UPDATE "attendance"."stats" SET below_threshold = $3 WHERE course_id = $1 AND student_id = $2`, [courseId, studentId, below]);
  }

  /** The student's latest records in the course, newest session first (cancelled sessions have none). */
  async latest(courseId: string, studentId: string, limit: number, db: EntityManager = this.dataSource.manager) {
    return db.query<{ session_id: string; status: AttendanceStatus; session_starts_at: Date; ends_at: Date; topic: string | null }[]>(
      `SELECT r.session_id, r.status, r.session_starts_at, s.ends_at, s.topic
         FROM "attendance"."records" r JOIN "attendance"."sessions" s ON s.id = r.session_id
        WHERE r.course_id = $1 AND r.student_id = $2 ORDER BY r.session_starts_at DESC, r.session_id DESC LIMIT $3`,
      [courseId, studentId, limit],
    );
  }

  /** True the first time an alert with this key is recorded. */
  async recordAlert(kind: string, courseId: string, studentId: string, key: string, db: EntityManager): Promise<boolean> {
    const rows = await db.query(
      `INSERT INTO "attendance"."alerts" (kind, course_id, student_id, key) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING key`,
      [kind, courseId, studentId, key],
    );
    return rows.length > 0;
  }

  async forSession(sessionId: string, db: EntityManager = this.dataSource.manager): Promise<RecordRow[]> {
    return db.query<RecordRow[]>(`SELECT ${RECORD_COLUMNS} FROM "attendance"."records" WHERE session_id = $1`, [sessionId]);
  }

  /** Removes the records of cancelled sessions; the caller takes them out of the counters. */
  async deleteForSessions(sessionIds: string[], db: EntityManager): Promise<RecordRow[]> {
    const result = await db.query(`DELETE FROM "attendance"."records" WHERE session_id = ANY($1::uuid[]) RETURNING ${RECORD_COLUMNS}`, [sessionIds]);
    return returningRows<RecordRow>(result);
  }

  /** Students enrolled (before check-in closed) who have no record: the auto-absent job's work. */
  async unmarkedStudents(sessionId: string, db: EntityManager): Promise<string[]> {
    const rows = await db.query<{ student_id: string }[]>(
      `SELECT e.student_id FROM "attendance"."sessions" s
         JOIN "attendance"."enrollments" e ON e.course_id = s.course_id AND e.active AND e.enrolled_at <= s.checkin_closes_at
        WHERE s.id = $1
          AND NOT EXISTS (SELECT 1 FROM "attendance"."records" r WHERE r.session_id = s.id AND r.student_id = e.student_id)`,
      [sessionId],
    );
    return rows.map((row) => row.student_id);
  }
}
