import { Injectable } from '@nestjs/common';
import {
  attendanceEvents,
  attendancePercentage,
  enqueueEvent,
  type AttendancePolicy,
  type AttendanceRecord,
  type AttendanceStatus,
  type MarkingMethod,
  type UserProfile,
  localDate,
} from '@tec/shared';
import type { EntityManager } from 'typeorm';
import { toEventSession, type SessionRow } from '../sessions/session.mapper';
import { RecordsRepository, toRecord, type NewRecord, type RecordRow, type StatsRow } from './records.repository';

export interface MarkInput {
  session: SessionRow;
  student: UserProfile;
  status: AttendanceStatus;
  method: MarkingMethod;
  actorId: string | null;
  note: string | null;
  policy: AttendancePolicy;
  checkIn?: NewRecord['checkIn'];
  /** Check-in: never overwrite an existing record (ALREADY_CHECKED_IN). */
  insertOnly?: boolean;
  /** The demo seed writes history without announcing it. */
  silent?: boolean;
}

export interface MarkOutcome {
  record: AttendanceRecord;
  fromStatus: AttendanceStatus | null;
  changed: boolean;
  /** insertOnly found a record already there. */
  existed: boolean;
  student: { id: string; firstName: string; lastName: string };
}

/**
 * The one way a status is written, whatever the method: the record (one per student and session), its audit
 * row, the student's counters and the events, all in the caller's transaction. Alerts (low attendance, absences
 * in a row) are decided here from the counters just updated, so they cannot drift from the marks.
 */
@Injectable()
export class MarkApplier {
  constructor(private readonly records: RecordsRepository) {}

  async apply(input: MarkInput, db: EntityManager): Promise<MarkOutcome> {
    const { session, student } = input;
    const studentRef = { id: student.id, firstName: student.firstName, lastName: student.lastName };
    let existing = input.insertOnly ? null : await this.records.lockOne(session.id, student.id, db);
    if (!existing) {
      const inserted = await this.records.insertIfAbsent(
        {
          sessionId: session.id,
          courseId: session.course_id,
          studentId: student.id,
          sessionStartsAt: session.starts_at,
          status: input.status,
          method: input.method,
          markedBy: input.actorId,
          note: input.note,
          checkIn: input.checkIn,
        },
        db,
      );
      if (inserted) return this.afterWrite(input, inserted, null, db, studentRef);
      // Someone else's insert won the race (or insertOnly met an existing record): work on the winner.
      existing = await this.records.lockOne(session.id, student.id, db);
      if (!existing) throw new Error('attendance record vanished during upsert');
      if (input.insertOnly) return { record: toRecord(existing), fromStatus: existing.status, changed: false, existed: true, student: studentRef };
    }
    if (existing.status === input.status && (existing.note ?? null) === input.note) {
      return { record: toRecord(existing), fromStatus: existing.status, changed: false, existed: true, student: studentRef };
    }
    const updated = await this.records.updateStatus(existing.id, { status: input.status, method: input.method, markedBy: input.actorId, note: input.note }, db);
    return this.afterWrite(input, updated, existing.status, db, studentRef);
  }

  private async afterWrite(input: MarkInput, row: RecordRow, fromStatus: AttendanceStatus | null, db: EntityManager, studentRef: MarkOutcome['student']): Promise<MarkOutcome> {
    await this.records.audit({ record: row, fromStatus, method: input.method, actorId: input.actorId, note: input.note }, db);
    const outcome: MarkOutcome = { record: toRecord(row), fromStatus, changed: fromStatus !== row.status, existed: fromStatus !== null, student: studentRef };
    if (fromStatus === row.status) return { ...outcome, changed: true };
    const stats = await this.records.shiftStats(row.course_id, row.student_id, fromStatus, row.status, db);
    await this.checkLowAttendance(input, stats, db);
    if (input.silent) return outcome;
    const course = { id: input.session.course_id, code: input.session.course_code, title: input.session.course_title };
    const session = toEventSession(input.session);
    const record = { id: row.id, status: row.status, method: row.method, markedBy: row.marked_by, markedAt: outcome.record.markedAt, note: row.note };
    if (fromStatus === null) await enqueueEvent(db, attendanceEvents.marked, { course, session, student: input.student, record });
    else await enqueueEvent(db, attendanceEvents.changed, { course, session, student: input.student, record, fromStatus });
    if (row.status === 'absent') {
      await enqueueEvent(db, attendanceEvents.studentAbsent, {
        course,
        session,
        student: input.student,
        date: localDate(input.session.starts_at, input.student.timezone),
        method: row.method,
      });
      await this.checkAbsenceStreak(input, db);
    }
    return outcome;
  }

  /**
   * For a write made outside `apply` (the check-in fast path, one statement): re-reads the student's counters
   * under lock and raises or lowers the low-attendance flag, publishing the alert once per crossing.
   */
  async settleLowAttendance(input: MarkInput, db: EntityManager): Promise<void> {
    const stats = await this.records.lockStats(input.session.course_id, input.student.id, db);
    if (stats) await this.checkLowAttendance(input, stats, db);
  }

  /** True when the counters' flag no longer matches the policy (the rare case that needs `settleLowAttendance`). */
  thresholdFlagStale(policy: AttendancePolicy, stats: StatsRow): boolean {
    return belowThreshold(policy, stats) !== stats.below_threshold;
  }

  /** Published once per crossing: the flag on the counters row goes up here and comes down when the student recovers. */
  private async checkLowAttendance(input: MarkInput, stats: StatsRow, db: EntityManager): Promise<void> {
    const { policy } = input;
    const percentage = attendancePercentage(stats, policy.excusedLeavesDenominator);
    const below = belowThreshold(policy, stats);
    if (below === stats.below_threshold) return;
    await this.records.setBelowThreshold(input.session.course_id, input.student.id, below, db);
    if (!below || input.silent) return;
    await enqueueEvent(db, attendanceEvents.lowAttendance, {
      course: { id: input.session.course_id, code: input.session.course_code, title: input.session.course_title },
      student: input.student,
      percentage: percentage!,
      threshold: policy.lowAttendanceThreshold,
      counts: { present: stats.present, late: stats.late, absent: stats.absent, excused: stats.excused },
      detectedAt: new Date().toISOString(),
    });
  }

  /** Once per streak: the streak is keyed by its first absent session, so a longer streak does not alert again. */
  private async checkAbsenceStreak(input: MarkInput, db: EntityManager): Promise<void> {
    const needed = input.policy.consecutiveAbsenceAlert;
    if (needed <= 0) return;
    const latest = await this.records.latest(input.session.course_id, input.student.id, 200, db);
    let streak = 0;
    while (streak < latest.length && latest[streak]!.status === 'absent') streak += 1;
    if (streak < needed || !latest.slice(0, streak).some((row) => row.session_id === input.session.id)) return;
    const first = latest[streak - 1]!;
    const fresh = await this.records.recordAlert('consecutive_absences', input.session.course_id, input.student.id, first.session_id, db);
    if (!fresh) return;
    await enqueueEvent(db, attendanceEvents.consecutiveAbsences, {
      course: { id: input.session.course_id, code: input.session.course_code, title: input.session.course_title },
      student: input.student,
      count: streak,
      sessions: latest.slice(0, streak).map((row) => toEventSession({ id: row.session_id, starts_at: row.session_starts_at, ends_at: row.ends_at, topic: row.topic })),
      detectedAt: new Date().toISOString(),
    });
  }
}

function belowThreshold(policy: AttendancePolicy, stats: StatsRow): boolean {
  const percentage = attendancePercentage(stats, policy.excusedLeavesDenominator);
  const counted = stats.present + stats.late + stats.absent + (policy.excusedLeavesDenominator ? 0 : stats.excused);
  return percentage !== null && counted >= policy.minSessionsForAlert && percentage < policy.lowAttendanceThreshold;
}
