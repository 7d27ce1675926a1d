import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, DEFAULT_ATTENDANCE_POLICY, type AttendancePolicy, isoOrNull } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';

interface PolicyRow {
  late_after_minutes: number;
  checkin_opens_before_minutes: number;
  checkin_closes_after_minutes: number;
  excused_leaves_denominator: boolean;
  low_attendance_threshold: string;
  min_sessions_for_alert: number;
  consecutive_absence_alert: number;
  updated_at: Date;
}

export type PolicySettings = Omit<AttendancePolicy, 'courseId' | 'updatedAt'>;

/** A course's attendance policy; a course without a row uses `DEFAULT_ATTENDANCE_POLICY`. */
@Injectable()
export class PoliciesRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async forCourse(courseId: string, db: EntityManager = this.dataSource.manager): Promise<AttendancePolicy> {
    const rows = await db.query<PolicyRow[]>(`SELECT * FROM "attendance"."policies" WHERE course_id = $1`, [courseId]);
    const row = rows[0];
    if (!row) return { courseId, ...DEFAULT_ATTENDANCE_POLICY, updatedAt: null };
    return {
      courseId,
      lateAfterMinutes: row.late_after_minutes,
      checkinOpensBeforeMinutes: row.checkin_opens_before_minutes,
      checkinClosesAfterMinutes: row.checkin_closes_after_minutes,
      excusedLeavesDenominator: row.excused_leaves_denominator,
      lowAttendanceThreshold: Number(row.low_attendance_threshold),
      minSessionsForAlert: row.min_sessions_for_alert,
      consecutiveAbsenceAlert: row.consecutive_absence_alert,
      updatedAt: isoOrNull(row.updated_at),
    };
  }

  async save(courseId: string, settings: PolicySettings, updatedBy: string | null, db: EntityManager): Promise<void> {
    await db.query(
      `INSERT INTO "attendance"."policies" (course_id, late_after_minutes, checkin_opens_before_minutes, checkin_closes_after_minutes,
         excused_leaves_denominator, low_attendance_threshold, min_sessions_for_alert, consecutive_absence_alert, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT (course_id) DO UPDATE SET late_after_minutes = $2, checkin_opens_before_minutes = $3, checkin_closes_after_minutes = $4,
         excused_leaves_denominator = $5, low_attendance_threshold = $6, min_sessions_for_alert = $7, consecutive_absence_alert = $8,
         updated_by = $9, updated_at = now()`,
      [
        courseId,
        settings.lateAfterMinutes,
        settings.checkinOpensBeforeMinutes,
        settings.checkinClosesAfterMinutes,
        settings.excusedLeavesDenominator,
        settings.lowAttendanceThreshold,
        settings.minSessionsForAlert,
        settings.consecutiveAbsenceAlert,
        updatedBy,
      ],
    );
  }
}
