import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, outboxInsertSql, preparedRows, type AttendanceStatus, type PreparedOutboxRow } from '@tec/shared';
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
   * The whole check-in write as ONE statement (atomic without a transaction, one round trip instead of eight):
   * the student must be actively enrolled and the session still open; the device is claimed for the student (or already theirs); the record is
   * inserted unless one exists; then its audit row, the student's counters and the outbox event, each only when
   * the record was written. Concurrent scans are decided by the unique constraints, as in the slow path.
   */
  async recordCheckIn(write: CheckInWrite): Promise<CheckInWriteResult> {
    const rows = await preparedRows<{ enrolled: boolean; live: boolean; owner: string | null; record: RecordRow | null; stats: StatsRow | null }>(
      this.dataSource,
      `WITH enrolled AS (
         SELECT EXISTS (SELECT 1 FROM "attendance"."enrollments" WHERE course_id = $5 AND student_id = $3 AND active) AS ok
       ), live AS (
         SELECT s.id FROM "attendance"."sessions" s, enrolled
          WHERE s.id = $1 AND s.status = 'scheduled' AND s.closed_at IS NULL AND enrolled.ok
       ), claim AS (
         INSERT INTO "attendance"."device_claims" (session_id, device_hash, student_id)
         SELECT $1, $2, $3 FROM live
         ON CONFLICT (session_id, device_hash) DO NOTHING RETURNING student_id
       ), owner AS (
         SELECT student_id FROM claim
         UNION ALL
         SELECT student_id FROM "attendance"."device_claims" WHERE session_id = $1 AND device_hash = $2
       ), rec AS (
         INSERT INTO "attendance"."records" (id, session_id, course_id, student_id, session_starts_at, status, method, marked_by, marked_at,
           checked_in_at, latitude, longitude, device_hash, client_hash, note)
         SELECT $4, $1, $5, $3, $6, $7, 'qr_code', $3, $8, $8, $9, $10, $2, $11, NULL
          WHERE EXISTS (SELECT 1 FROM live) AND $3 = (SELECT student_id FROM owner LIMIT 1)
         ON CONFLICT (session_id, student_id) DO NOTHING
         RETURNING id, session_id, course_id, student_id, session_starts_at, status, method, marked_by, marked_at, checked_in_at, note
       ), audit AS (
         INSERT INTO "attendance"."audit" (record_id, session_id, course_id, student_id, from_status, to_status, method, actor_id, note)
         SELECT id, session_id, course_id, student_id, NULL, status, method, student_id, NULL FROM rec
       ), stats AS (
         INSERT INTO "attendance"."stats" AS s (course_id, student_id, present, late, absent, excused)
         SELECT course_id, student_id, (status = 'present')::int, (status = 'late')::int, 0, 0 FROM rec
         ON CONFLICT (course_id, student_id) DO UPDATE SET present = s.present + EXCLUDED.present, late = s.late + EXCLUDED.late, updated_at = now()
         RETURNING present, late, absent, excused, below_threshold
       ), event AS (
         ${outboxInsertSql(write.event, 12, 'EXISTS (SELECT 1 FROM rec)')}
       )
       SELECT (SELECT ok FROM enrolled) AS enrolled,
              EXISTS (SELECT 1 FROM live) AS live,
              (SELECT student_id FROM owner LIMIT 1) AS owner,
              (SELECT row_to_json(rec) FROM rec) AS record,
              (SELECT row_to_json(stats) FROM stats) AS stats,
              (SELECT count(*) FROM event) AS notified`,
      [
        write.sessionId, write.deviceHash, write.studentId, write.recordId, write.courseId, write.sessionStartsAt, write.status, write.at,
        write.latitude, write.longitude, write.clientHash, ...write.event.params,
      ],
    );
    const row = rows[0]!;
    if (!row.enrolled) return { kind: 'not_enrolled' };
    if (!row.live) return { kind: 'closed' };
    if (row.owner === null) return { kind: 'raced' };
    if (row.owner !== write.studentId) return { kind: 'device_reused', owner: row.owner };
    if (!row.record || !row.stats) return { kind: 'exists' };
    const record = row.record;
    // row_to_json turns timestamps into strings: give the caller the same types as the other queries.
    return {
      kind: 'marked',
      record: {
        ...record,
        session_starts_at: new Date(record.session_starts_at),
        marked_at: new Date(record.marked_at),
        checked_in_at: record.checked_in_at ? new Date(record.checked_in_at) : null,
      },
      stats: row.stats,
    };
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
