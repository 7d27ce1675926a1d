import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, type LiveClassProvider, type LiveClassStatus, returningRows } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';

export interface ClassRow {
  id: string;
  course_id: string;
  course_code: string;
  course_title: string;
  series_id: string | null;
  name: string;
  description: string | null;
  starts_at: Date;
  ends_at: Date;
  timezone: string;
  max_participants: number | null;
  recording_enabled: boolean;
  provider: LiveClassProvider;
  status: LiveClassStatus;
  teacher_id: string;
  teacher_first_name: string | null;
  teacher_last_name: string | null;
  meeting_id: string | null;
  meeting_uuid: string | null;
  meeting_join_url: string | null;
  meeting_start_url: string | null;
  meeting_sync_pending: boolean;
  meeting_deleted: boolean;
  started_at: Date | null;
  ended_at: Date | null;
  cancelled_reason: string | null;
  reminder_sent_at: Date | null;
  attendance_due_at: Date | null;
  attendance_revision: number;
  attendance_computed_at: Date | null;
  created_at: Date;
  updated_at: Date;
  participant_count: number;
  open_question_count: number;
  recording_count: number;
}

export interface NewClass {
  id: string;
  courseId: string;
  seriesId: string | null;
  name: string;
  description: string | null;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  maxParticipants: number | null;
  recordingEnabled: boolean;
  provider: LiveClassProvider;
  teacherId: string;
  createdBy: string | null;
}

export interface ClassChanges {
  name?: string;
  description?: string | null;
  startsAt?: Date;
  endsAt?: Date;
  maxParticipants?: number | null;
  recordingEnabled?: boolean;
}

const SELECT = `SELECT c.*, co.code AS course_code, co.title AS course_title, t.first_name AS teacher_first_name, t.last_name AS teacher_last_name,
    (SELECT count(*)::int FROM "live_classes"."participants" p WHERE p.class_id = c.id AND p.role = 'attendee') AS participant_count,
    (SELECT count(*)::int FROM "live_classes"."questions" q WHERE q.class_id = c.id AND NOT q.answered) AS open_question_count,
    (SELECT count(*)::int FROM "live_classes"."recordings" r WHERE r.class_id = c.id) AS recording_count
  FROM "live_classes"."classes" c
  JOIN "live_classes"."courses" co ON co.id = c.course_id
  LEFT JOIN "live_classes"."users" t ON t.id = c.teacher_id`;

/** The only SQL on classes. Reads name the class, the course or the caller's visible courses. */
@Injectable()
export class ClassesRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Serializes scheduling for one teacher (overlap check + insert) until the transaction ends. */
  async lockTeacherSchedule(teacherId: string, db: EntityManager): Promise<void> {
    await db.query(`SELECT pg_advisory_xact_lock(hashtextextended('live_classes.teacher:' || $1, 0))`, [teacherId]);
  }

  /** The teacher's non-cancelled classes that overlap any of the slots (touching end-to-start is not overlap). */
  async teacherConflicts(teacherId: string, slots: { startsAt: Date; endsAt: Date }[], excludeIds: string[], db: EntityManager): Promise<{ id: string; name: string; starts_at: Date }[]> {
    if (slots.length === 0) return [];
    return db.query(
      `SELECT c.id, c.name, c.starts_at FROM "live_classes"."classes" c
         JOIN unnest($2::timestamptz[], $3::timestamptz[]) AS s(starts_at, ends_at) ON c.starts_at < s.ends_at AND c.ends_at > s.starts_at
        WHERE c.teacher_id = $1 AND c.status <> 'cancelled' AND NOT (c.id = ANY($4::uuid[]))
        ORDER BY c.starts_at LIMIT 5`,
      [teacherId, slots.map((slot) => slot.startsAt), slots.map((slot) => slot.endsAt), excludeIds],
    );
  }

  async insertMany(rows: NewClass[], db: EntityManager): Promise<void> {
    if (rows.length === 0) return;
    await db.query(
      `INSERT INTO "live_classes"."classes"
         (id, course_id, series_id, name, description, starts_at, ends_at, timezone, max_participants, recording_enabled, provider, teacher_id, created_by)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::text[], $9::int[],
                            $10::boolean[], $11::text[], $12::uuid[], $13::uuid[])`,
      [
        rows.map((row) => row.id),
        rows.map((row) => row.courseId),
        rows.map((row) => row.seriesId),
        rows.map((row) => row.name),
        rows.map((row) => row.description),
        rows.map((row) => row.startsAt),
        rows.map((row) => row.endsAt),
        rows.map((row) => row.timezone),
        rows.map((row) => row.maxParticipants),
        rows.map((row) => row.recordingEnabled),
        rows.map((row) => row.provider),
        rows.map((row) => row.teacherId),
        rows.map((row) => row.createdBy),
      ],
    );
  }

  async findById(classId: string, db: EntityManager = this.dataSource.manager): Promise<ClassRow | null> {
    const rows = await db.query<ClassRow[]>(`${SELECT} WHERE c.id = $1`, [classId]);
    return rows[0] ?? null;
  }

  /** Locks the class row for the rest of the transaction (status changes, capacity). */
  async lockById(classId: string, db: EntityManager): Promise<void> {
    await db.query(`SELECT 1 FROM "live_classes"."classes" WHERE id = $1 FOR UPDATE`, [classId]);
  }

  /** The class of a provider meeting, locked for the rest of the transaction; the few columns webhook handling needs. */
  async lockByMeeting(provider: LiveClassProvider, meetingId: string, db: EntityManager): Promise<{ id: string; status: LiveClassStatus; attendance_computed_at: Date | null } | null> {
    const rows = await db.query<{ id: string; status: LiveClassStatus; attendance_computed_at: Date | null }[]>(
      `SELECT id, status, attendance_computed_at FROM "live_classes"."classes" WHERE provider = $1 AND meeting_id = $2 FOR UPDATE`,
      [provider, meetingId],
    );
    return rows[0] ?? null;
  }

  async findManyByIds(ids: string[], db: EntityManager = this.dataSource.manager): Promise<ClassRow[]> {
    if (ids.length === 0) return [];
    return db.query<ClassRow[]>(`${SELECT} WHERE c.id = ANY($1::uuid[]) ORDER BY c.starts_at, c.id`, [ids]);
  }

  async findByMeeting(provider: LiveClassProvider, meetingId: string, db: EntityManager): Promise<ClassRow | null> {
    const rows = await db.query<ClassRow[]>(`${SELECT} WHERE c.provider = $1 AND c.meeting_id = $2`, [provider, meetingId]);
    return rows[0] ?? null;
  }

  /** Classes in visible courses (null = every course) that end after `from` and start before `to`. */
  async list(
    courseIds: string[] | null,
    filter: { courseId?: string; from: Date; to: Date; status?: LiveClassStatus; includeCancelled: boolean; limit: number },
    db: EntityManager = this.dataSource.manager,
  ): Promise<ClassRow[]> {
    return db.query<ClassRow[]>(
      `${SELECT}
        WHERE ($1::uuid[] IS NULL OR c.course_id = ANY($1::uuid[]))
          AND ($2::uuid IS NULL OR c.course_id = $2)
          AND c.ends_at >= $3 AND c.starts_at < $4
          AND ($5::text IS NULL OR c.status = $5)
          AND ($6 OR c.status <> 'cancelled')
        ORDER BY c.starts_at, c.id LIMIT $7`,
      [courseIds, filter.courseId ?? null, filter.from, filter.to, filter.status ?? null, filter.includeCancelled, filter.limit],
    );
  }

  /** Later scheduled classes of a series, this one included (for cancel scope `following`). */
  async seriesFrom(seriesId: string, from: Date, db: EntityManager): Promise<string[]> {
    const rows = await db.query<{ id: string }[]>(
      `SELECT id FROM "live_classes"."classes" WHERE series_id = $1 AND starts_at >= $2 AND status = 'scheduled' ORDER BY starts_at FOR UPDATE`,
      [seriesId, from],
    );
    return rows.map((row) => row.id);
  }

  async update(classId: string, changes: ClassChanges, db: EntityManager): Promise<void> {
    await db.query(
      `UPDATE "live_classes"."classes" SET
         name = COALESCE($2, name),
         description = CASE WHEN $3 THEN $4 ELSE description END,
         starts_at = COALESCE($5, starts_at),
         ends_at = COALESCE($6, ends_at),
         max_participants = CASE WHEN $7 THEN $8::int ELSE max_participants END,
         recording_enabled = COALESCE($9, recording_enabled),
         reminder_sent_at = CASE WHEN $5::timestamptz IS NOT NULL AND $5::timestamptz <> starts_at THEN NULL ELSE reminder_sent_at END,
         meeting_sync_pending = meeting_id IS NOT NULL,
         updated_at = now()
       WHERE id = $1`,
      [
        classId,
        changes.name ?? null,
        changes.description !== undefined,
        changes.description ?? null,
        changes.startsAt ?? null,
        changes.endsAt ?? null,
        changes.maxParticipants !== undefined,
        changes.maxParticipants ?? null,
        changes.recordingEnabled ?? null,
      ],
    );
  }

  async cancel(ids: string[], reason: string | null, db: EntityManager): Promise<void> {
    await db.query(
      `UPDATE "live_classes"."classes" SET status = 'cancelled', cancelled_reason = $2, meeting_sync_pending = false, updated_at = now()
        WHERE id = ANY($1::uuid[]) AND status = 'scheduled'`,
      [ids, reason],
    );
  }

  async setMeeting(classId: string, meeting: { meetingId: string; meetingUuid: string | null; joinUrl: string; startUrl: string; password: string | null }, db: EntityManager = this.dataSource.manager): Promise<void> {
    await db.query(
      `UPDATE "live_classes"."classes" SET meeting_id = $2, meeting_uuid = $3, meeting_join_url = $4, meeting_start_url = $5, meeting_password = $6, updated_at = now()
        WHERE id = $1`,
      [classId, meeting.meetingId, meeting.meetingUuid, meeting.joinUrl, meeting.startUrl, meeting.password],
    );
  }

  async markMeetingSynced(classId: string, updatedAt: Date, db: EntityManager = this.dataSource.manager): Promise<void> {
    // Only when no newer edit came in meanwhile (that edit set the flag again and will sync itself).
    await db.query(`UPDATE "live_classes"."classes" SET meeting_sync_pending = false WHERE id = $1 AND updated_at <= $2`, [classId, updatedAt]);
  }

  async markMeetingDeleted(classId: string, db: EntityManager = this.dataSource.manager): Promise<void> {
    await db.query(`UPDATE "live_classes"."classes" SET meeting_deleted = true WHERE id = $1`, [classId]);
  }

  /** Classes whose provider meeting needs creating, updating or deleting (the job retries failed calls). */
  async meetingWork(now: Date, limit: number, db: EntityManager = this.dataSource.manager): Promise<ClassRow[]> {
    return db.query<ClassRow[]>(
      `${SELECT}
        WHERE ((c.status = 'scheduled' AND (c.meeting_id IS NULL OR c.meeting_sync_pending) AND c.ends_at > $1)
           OR (c.status = 'cancelled' AND c.meeting_id IS NOT NULL AND NOT c.meeting_deleted))
          AND c.updated_at < $1::timestamptz - interval '5 seconds'
        ORDER BY c.starts_at LIMIT $2`,
      [now, limit],
    );
  }

  async markStarted(classId: string, at: Date, db: EntityManager): Promise<boolean> {
    const result = await db.query(
      `UPDATE "live_classes"."classes" SET status = 'in_progress', started_at = $2, updated_at = now() WHERE id = $1 AND status = 'scheduled' RETURNING id`,
      [classId, at],
    );
    return returningRows(result).length > 0;
  }

  async markEnded(classId: string, at: Date, attendanceDueAt: Date, db: EntityManager): Promise<boolean> {
    const result = await db.query(
      `UPDATE "live_classes"."classes" SET status = 'completed', ended_at = $2, attendance_due_at = $3, updated_at = now()
        WHERE id = $1 AND status IN ('scheduled', 'in_progress') RETURNING id`,
      [classId, at, attendanceDueAt],
    );
    return returningRows(result).length > 0;
  }

  /** Late presence after the computation: recompute (a new revision) once things settle. */
  async scheduleRecompute(classId: string, dueAt: Date, db: EntityManager): Promise<void> {
    await db.query(
      `UPDATE "live_classes"."classes" SET attendance_due_at = GREATEST(COALESCE(attendance_due_at, $2), $2) WHERE id = $1 AND status = 'completed'`,
      [classId, dueAt],
    );
  }

  async claimToRemind(now: Date, minutesBefore: number, limit: number, db: EntityManager): Promise<string[]> {
    const rows = returningRows<{ id: string }>(
      await db.query(
        `UPDATE "live_classes"."classes" SET reminder_sent_at = $1
          WHERE id IN (SELECT id FROM "live_classes"."classes"
                        WHERE status = 'scheduled' AND reminder_sent_at IS NULL AND starts_at <= $1::timestamptz + make_interval(mins => $2) AND starts_at > $1::timestamptz
                        ORDER BY starts_at LIMIT $3 FOR UPDATE SKIP LOCKED)
          RETURNING id`,
        [now, minutesBefore, limit],
      ),
    );
    return rows.map((row) => row.id);
  }

  /** Clock-driven starts: classes of providers without webhooks whose slot has begun. */
  async claimClockStarts(now: Date, providers: LiveClassProvider[], limit: number, db: EntityManager): Promise<string[]> {
    const rows = await db.query<{ id: string }[]>(
      `SELECT id FROM "live_classes"."classes" WHERE status = 'scheduled' AND provider = ANY($1::text[]) AND starts_at <= $2 AND ends_at > $2
        ORDER BY starts_at LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [providers, now, limit],
    );
    return rows.map((row) => row.id);
  }

  /** Clock-driven ends: providers without webhooks at the end; the others after a grace period with no meeting.ended. */
  async claimClockEnds(now: Date, providers: LiveClassProvider[], graceMinutes: number, limit: number, db: EntityManager): Promise<string[]> {
    const rows = await db.query<{ id: string }[]>(
      `SELECT id FROM "live_classes"."classes"
        WHERE status IN ('scheduled', 'in_progress')
          AND ((provider = ANY($1::text[]) AND ends_at <= $2) OR (NOT (provider = ANY($1::text[])) AND ends_at + make_interval(mins => $3) <= $2))
        ORDER BY ends_at LIMIT $4 FOR UPDATE SKIP LOCKED`,
      [providers, now, graceMinutes, limit],
    );
    return rows.map((row) => row.id);
  }

  async claimAttendanceDue(now: Date, limit: number, db: EntityManager): Promise<string[]> {
    const rows = await db.query<{ id: string }[]>(
      `SELECT id FROM "live_classes"."classes" WHERE attendance_due_at IS NOT NULL AND attendance_due_at <= $1
        ORDER BY attendance_due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map((row) => row.id);
  }

  async markAttendanceComputed(classId: string, at: Date, db: EntityManager): Promise<number> {
    const rows = returningRows<{ attendance_revision: number }>(
      await db.query(
        `UPDATE "live_classes"."classes" SET attendance_due_at = NULL, attendance_revision = attendance_revision + 1, attendance_computed_at = $2
          WHERE id = $1 RETURNING attendance_revision`,
        [classId, at],
      ),
    );
    return rows[0]!.attendance_revision;
  }

  /** Classes in the given courses for a calendar feed, from `from` on. */
  async forCalendar(courseIds: string[], from: Date, to: Date, db: EntityManager = this.dataSource.manager): Promise<ClassRow[]> {
    if (courseIds.length === 0) return [];
    return db.query<ClassRow[]>(`${SELECT} WHERE c.course_id = ANY($1::uuid[]) AND c.ends_at >= $2 AND c.starts_at < $3 ORDER BY c.starts_at LIMIT 1000`, [courseIds, from, to]);
  }
}
