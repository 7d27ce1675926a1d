import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

const T = '"parent_portal"';

export interface AttendanceCounts {
  present: number;
  late: number;
  absent: number;
  excused: number;
}

/** The figures alerts compare with thresholds, computed from the read model (one query each, per student and course). */
@Injectable()
export class AlertFactsRepository {
  async attendanceCounts(studentId: string, courseId: string, db: EntityManager): Promise<AttendanceCounts> {
    const rows = await db.query<AttendanceCounts[]>(
      `SELECT count(*) FILTER (WHERE status = 'present')::int AS present, count(*) FILTER (WHERE status = 'late')::int AS late,
              count(*) FILTER (WHERE status = 'absent')::int AS absent, count(*) FILTER (WHERE status = 'excused')::int AS excused
         FROM ${T}."attendance_records" WHERE student_id = $1 AND course_id = $2`,
      [studentId, courseId],
    );
    return rows[0]!;
  }

  /** Absences in a row, counted back from the latest session with a record; excused sessions are skipped. */
  async absenceStreak(studentId: string, courseId: string, db: EntityManager): Promise<{ count: number; sessionIds: string[] }> {
    const rows = await db.query<{ session_id: string; status: string }[]>(
      `SELECT session_id, status FROM ${T}."attendance_records" WHERE student_id = $1 AND course_id = $2 AND status <> 'excused'
        ORDER BY session_starts_at DESC LIMIT 30`,
      [studentId, courseId],
    );
    const sessionIds: string[] = [];
    for (const row of rows) {
      if (row.status !== 'absent') break;
      sessionIds.push(row.session_id);
    }
    return { count: sessionIds.length, sessionIds };
  }

  async courseAverage(studentId: string, courseId: string, db: EntityManager): Promise<number | null> {
    const rows = await db.query<{ average: number | null }[]>(
      `SELECT round(avg(percentage), 1)::float8 AS average FROM ${T}."grades" WHERE student_id = $1 AND course_id = $2`,
      [studentId, courseId],
    );
    return rows[0]?.average ?? null;
  }

  async course(courseId: string, db: EntityManager): Promise<{ id: string; code: string; title: string } | null> {
    const rows = await db.query<{ id: string; code: string; title: string }[]>(`SELECT id, code, title FROM ${T}."courses" WHERE id = $1`, [courseId]);
    return rows[0] ?? null;
  }
}
