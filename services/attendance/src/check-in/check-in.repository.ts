import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, outboxInsertManyParams, outboxInsertManySql, preparedRows, type AttendanceStatus, type PreparedOutboxRow } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import type { RecordRow, StatsRow } from '../marking/records.repository';

export type FlagReason = 'device_reused' | 'outside_geofence' | 'network_not_allowed';

export interface FlagRow {
  id: string;
  session_id: string;
  student_id: string;
  reason: FlagReason;
  other_student_id: string | null;
  details: Record<string, unknown>;
  created_at: Date;
}

export interface CheckInWrite {
  recordId: string;
  sessionId: string;
  courseId: string;
  studentId: string;
  sessionStartsAt: Date;
  status: Extract<AttendanceStatus, 'present' | 'late'>;
  at: Date;
  latitude: number | null;
  longitude: number | null;
  deviceHash: string;
  clientHash: string;
  /** The `attendance.v1.marked` event, written only when the record is. */
  event: PreparedOutboxRow;
}

export type CheckInWriteResult =
  /** The enrollment ended after the caller's (cached) roster said otherwise: the database decides. */
  | { kind: 'not_enrolled' }
  | { kind: 'closed' }
  | { kind: 'device_reused'; owner: string }
  /** A concurrent claim of this device committed after the statement's snapshot: decide on the locking path. */
  | { kind: 'raced' }
  | { kind: 'exists' }
  | { kind: 'marked'; record: RecordRow; stats: StatsRow };

/** Device claims (one device, one student per session) and flagged attempts, always per session. */
@Injectable()
export class CheckInRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /**
   * A batch of check-ins (the group commit, see CheckInBatcher) as ONE statement, atomic without a transaction: each
   * row is decided on its own, as if written alone. The student must be actively enrolled and the session still
   * open; the device is claimed for the student (or already theirs); the record is inserted unless one exists; then
   * its audit row, the student's counters and its outbox event, each only when that row's record was written.
   * Concurrent scans are decided by the unique constraints, as in the slow path. The batch must not hold two rows with
   * the same session and student, session and device, or course and student: one statement can't upsert a counters
   * row twice, and the second of such a pair must see the first committed to get its answer. Results in input order.
   */
  async recordCheckIns(writes: CheckInWrite[]): Promise<CheckInWriteResult[]> {
    const events = writes.map((write) => write.event);
    // Prepared, with arrays rather than a number of params per row, so the SQL text is the same for any batch.
    // Each table's rows are written in key order, so two instances' batches rarely deadlock; one that does fails as a
    // whole and the group commit retries its check-ins one by one.
    const rows = await preparedRows<BatchRow>(
      this.dataSource,
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::timestamptz[], $6::text[], $7::timestamptz[],
                              $8::float8[], $9::float8[], $10::text[], $11::text[])
           WITH ORDINALITY AS t(record_id, session_id, course_id, student_id, session_starts_at, status, at, latitude, longitude, device_hash, client_hash, ord)
       ), checked AS (
         SELECT i.*,
           EXISTS (SELECT 1 FROM "attendance"."enrollments" e WHERE e.course_id = i.course_id AND e.student_id = i.student_id AND e.active) AS enrolled,
           EXISTS (SELECT 1 FROM "attendance"."sessions" s WHERE s.id = i.session_id AND s.status = 'scheduled' AND s.closed_at IS NULL) AS session_open
         FROM input i
       ), claim AS (
         INSERT INTO "attendance"."device_claims" (session_id, device_hash, student_id)
         SELECT session_id, device_hash, student_id FROM checked WHERE enrolled AND session_open ORDER BY session_id, device_hash
         ON CONFLICT (session_id, device_hash) DO NOTHING RETURNING session_id, device_hash, student_id
       ), owned AS (
         SELECT c.*, COALESCE(mine.student_id, earlier.student_id) AS owner
         FROM checked c
         LEFT JOIN claim mine ON mine.session_id = c.session_id AND mine.device_hash = c.device_hash
         LEFT JOIN "attendance"."device_claims" earlier ON earlier.session_id = c.session_id AND earlier.device_hash = c.device_hash
         WHERE c.enrolled AND c.session_open
       ), rec AS (
         INSERT INTO "attendance"."records" (id, session_id, course_id, student_id, session_starts_at, status, method, marked_by, marked_at,
           checked_in_at, latitude, longitude, device_hash, client_hash, note)
         SELECT record_id, session_id, course_id, student_id, session_starts_at, status, 'qr_code', student_id, at, at, latitude, longitude,
           device_hash, client_hash, NULL
         FROM owned WHERE owner = student_id ORDER BY session_id, student_id
         ON CONFLICT (session_id, student_id) DO NOTHING
         RETURNING id, session_id, course_id, student_id, session_starts_at, status, method, marked_by, marked_at, checked_in_at, note
       ), audit AS (
         INSERT INTO "attendance"."audit" (record_id, session_id, course_id, student_id, from_status, to_status, method, actor_id, note)
         SELECT id, session_id, course_id, student_id, NULL, status, method, student_id, NULL FROM rec
       ), stats AS (
         INSERT INTO "attendance"."stats" AS s (course_id, student_id, present, late, absent, excused)
         SELECT course_id, student_id, (status = 'present')::int, (status = 'late')::int, 0, 0 FROM rec ORDER BY course_id, student_id
         ON CONFLICT (course_id, student_id) DO UPDATE SET present = s.present + EXCLUDED.present, late = s.late + EXCLUDED.late, updated_at = now()
         RETURNING course_id, student_id, present, late, absent, excused, below_threshold
       ), event AS (
         ${outboxInsertManySql(events, 12, 'o.ord IN (SELECT i.ord FROM input i JOIN rec ON rec.id = i.record_id)')}
       )
       SELECT c.enrolled, c.session_open, o.owner,
              r.id, r.session_id, r.course_id, r.student_id, r.session_starts_at, r.status, r.method, r.marked_by, r.marked_at, r.checked_in_at, r.note,
              st.present, st.late, st.absent, st.excused, st.below_threshold
       FROM checked c
       LEFT JOIN owned o ON o.ord = c.ord
       LEFT JOIN rec r ON r.id = c.record_id
       LEFT JOIN stats st ON r.id IS NOT NULL AND st.course_id = r.course_id AND st.student_id = r.student_id
       ORDER BY c.ord`,
      [
        writes.map((write) => write.recordId),
        writes.map((write) => write.sessionId),
        writes.map((write) => write.courseId),
        writes.map((write) => write.studentId),
        writes.map((write) => write.sessionStartsAt),
        writes.map((write) => write.status),
        writes.map((write) => write.at),
        writes.map((write) => write.latitude),
        writes.map((write) => write.longitude),
        writes.map((write) => write.deviceHash),
        writes.map((write) => write.clientHash),
        ...outboxInsertManyParams(events),
      ],
    );
    return rows.map((row, index) => checkInResult(row, writes[index]!));
  }

  /** The student the device is claimed by in this session: the caller when the claim is new or theirs. */
  async claimDevice(sessionId: string, deviceHash: string, studentId: string, db: EntityManager): Promise<string> {
    const inserted = await db.query<{ student_id: string }[]>(
      `INSERT INTO "attendance"."device_claims" (session_id, device_hash, student_id) VALUES ($1, $2, $3)
       ON CONFLICT (session_id, device_hash) DO NOTHING RETURNING student_id`,
      [sessionId, deviceHash, studentId],
    );
    if (inserted[0]) return inserted[0].student_id;
    const owner = await db.query<{ student_id: string }[]>(
      `SELECT student_id FROM "attendance"."device_claims" WHERE session_id = $1 AND device_hash = $2`,
      [sessionId, deviceHash],
    );
    return owner[0]!.student_id;
  }

  async flag(
    flag: { sessionId: string; studentId: string; reason: FlagReason; otherStudentId?: string | null; details?: Record<string, unknown> },
    db: EntityManager = this.dataSource.manager,
  ): Promise<FlagRow> {
    const rows = await db.query<FlagRow[]>(
      `INSERT INTO "attendance"."flags" (id, session_id, student_id, reason, other_student_id, details) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING *`,
      [randomUUID(), flag.sessionId, flag.studentId, flag.reason, flag.otherStudentId ?? null, JSON.stringify(flag.details ?? {})],
    );
    return rows[0]!;
  }

  async flagsForSession(sessionId: string): Promise<FlagRow[]> {
    return this.dataSource.query<FlagRow[]>(`SELECT * FROM "attendance"."flags" WHERE session_id = $1 ORDER BY created_at DESC`, [sessionId]);
  }

  async flagCountsBySession(sessionId: string): Promise<Map<string, number>> {
    const rows = await this.dataSource.query<{ student_id: string; count: number }[]>(
      `SELECT student_id, count(*)::int AS count FROM "attendance"."flags" WHERE session_id = $1 GROUP BY student_id`,
      [sessionId],
    );
    return new Map(rows.map((row) => [row.student_id, row.count]));
  }
}

type Nullable<T> = { [K in keyof T]: T[K] | null };

/** One row of the batch statement: the checks, then the record and the counters when the record was written. */
interface BatchRow extends Nullable<RecordRow>, Nullable<StatsRow> {
  enrolled: boolean;
  session_open: boolean;
  /** Null when the row was refused before the claim, or when a concurrent claim raced it. */
  owner: string | null;
}

function checkInResult(row: BatchRow, write: CheckInWrite): CheckInWriteResult {
  if (!row.enrolled) return { kind: 'not_enrolled' };
  if (!row.session_open) return { kind: 'closed' };
  if (row.owner === null) return { kind: 'raced' };
  if (row.owner !== write.studentId) return { kind: 'device_reused', owner: row.owner };
  if (row.id === null || row.present === null || row.below_threshold === null) return { kind: 'exists' };
  return {
    kind: 'marked',
    record: {
      id: row.id,
      session_id: row.session_id!,
      course_id: row.course_id!,
      student_id: row.student_id!,
      session_starts_at: row.session_starts_at!,
      status: row.status!,
      method: row.method!,
      marked_by: row.marked_by,
      marked_at: row.marked_at!,
      checked_in_at: row.checked_in_at,
      note: row.note,
    },
    stats: { present: row.present, late: row.late!, absent: row.absent!, excused: row.excused!, below_threshold: row.below_threshold },
  };
}
