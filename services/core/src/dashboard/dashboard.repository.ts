import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, type DashboardSummary, iso } from '@tec/shared';
import type { DataSource } from 'typeorm';

type Upcoming = DashboardSummary['upcomingAssignments'][number];
type RecentGrade = DashboardSummary['recentGrades'][number];
type ToGrade = NonNullable<DashboardSummary['toGrade']>[number];

const LIMIT = 10;
/** Missed work stays on a student's list this long after its due date. */
const MISSED_WINDOW = "interval '14 days'";

/** One query per dashboard panel, each scoped to its owner; no per-row follow-up queries. */
@Injectable()
export class DashboardRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async upcomingForStudent(studentId: string): Promise<Upcoming[]> {
    const rows = await this.dataSource.query<(Omit<Upcoming, 'dueAt'> & { dueAt: Date })[]>(
      `SELECT a.id, a.course_id AS "courseId", c.code AS "courseCode", a.title, a.due_at AS "dueAt",
              CASE WHEN g.id IS NOT NULL THEN 'graded' WHEN s.id IS NOT NULL THEN 'submitted'
                   WHEN a.due_at < now() THEN 'missing' ELSE 'open' END AS status
         FROM "core"."enrollments" e
         JOIN "core"."assignments" a ON a.course_id = e.course_id
         JOIN "core"."courses" c ON c.id = a.course_id
         LEFT JOIN "core"."submissions" s ON s.assignment_id = a.id AND s.student_id = e.student_id
         LEFT JOIN "core"."grades" g ON g.assignment_id = a.id AND g.student_id = e.student_id
        WHERE e.student_id = $1 AND e.status = 'active'
          AND (a.due_at >= now() OR (a.due_at >= now() - ${MISSED_WINDOW} AND s.id IS NULL AND g.id IS NULL))
        ORDER BY a.due_at, a.id
        LIMIT ${LIMIT}`,
      [studentId],
    );
    return rows.map((row) => ({ ...row, dueAt: iso(row.dueAt) }));
  }

  async upcomingForTeacher(teacherId: string): Promise<Upcoming[]> {
    const rows = await this.dataSource.query<(Omit<Upcoming, 'dueAt'> & { dueAt: Date })[]>(
      `SELECT a.id, a.course_id AS "courseId", c.code AS "courseCode", a.title, a.due_at AS "dueAt", 'open' AS status
         FROM "core"."course_teachers" ct
         JOIN "core"."assignments" a ON a.course_id = ct.course_id
         JOIN "core"."courses" c ON c.id = a.course_id
        WHERE ct.teacher_id = $1 AND a.due_at >= now()
        ORDER BY a.due_at, a.id
        LIMIT ${LIMIT}`,
      [teacherId],
    );
    return rows.map((row) => ({ ...row, dueAt: iso(row.dueAt) }));
  }

  async recentGradesForStudent(studentId: string): Promise<RecentGrade[]> {
    return this.recentGrades('g.student_id = $1', studentId, false);
  }

  async recentGradesForTeacher(teacherId: string): Promise<RecentGrade[]> {
    return this.recentGrades('a.course_id IN (SELECT course_id FROM "core"."course_teachers" WHERE teacher_id = $1)', teacherId, true);
  }

  /** Submissions of active students that have no grade yet, per assignment. */
  toGradeForTeacher(teacherId: string): Promise<ToGrade[]> {
    return this.dataSource.query<ToGrade[]>(
      `SELECT a.id AS "assignmentId", a.title, c.code AS "courseCode", count(*)::int AS ungraded
         FROM "core"."course_teachers" ct
         JOIN "core"."assignments" a ON a.course_id = ct.course_id
         JOIN "core"."courses" c ON c.id = a.course_id
         JOIN "core"."submissions" s ON s.assignment_id = a.id
         JOIN "core"."enrollments" e ON e.course_id = a.course_id AND e.student_id = s.student_id AND e.status = 'active'
         LEFT JOIN "core"."grades" g ON g.assignment_id = a.id AND g.student_id = s.student_id
        WHERE ct.teacher_id = $1 AND g.id IS NULL
        GROUP BY a.id, a.title, c.code, a.due_at
        ORDER BY a.due_at, a.id
        LIMIT ${LIMIT}`,
      [teacherId],
    );
  }

  async schoolTotals(): Promise<{ courses: number; activeEnrollments: number }> {
    const [row] = await this.dataSource.query<{ courses: number; activeEnrollments: number }[]>(
      `SELECT (SELECT count(*)::int FROM "core"."courses") AS courses,
              (SELECT count(*)::int FROM "core"."enrollments" WHERE status = 'active') AS "activeEnrollments"`,
    );
    return row ?? { courses: 0, activeEnrollments: 0 };
  }

  private async recentGrades(where: string, ownerId: string, withStudentName: boolean): Promise<RecentGrade[]> {
    const rows = await this.dataSource.query<(Omit<RecentGrade, 'gradedAt'> & { gradedAt: Date; studentName: string })[]>(
      `SELECT g.assignment_id AS "assignmentId", a.title AS "assignmentTitle", c.code AS "courseCode",
              g.score::float8 AS score, a.max_score::float8 AS "maxScore", g.graded_at AS "gradedAt",
              (u.first_name || ' ' || u.last_name) AS "studentName"
         FROM "core"."grades" g
         JOIN "core"."assignments" a ON a.id = g.assignment_id
         JOIN "core"."courses" c ON c.id = a.course_id
         JOIN "core"."users" u ON u.id = g.student_id
        WHERE ${where}
        ORDER BY g.graded_at DESC, g.id
        LIMIT ${LIMIT}`,
      [ownerId],
    );
    return rows.map(({ studentName, ...row }) => ({ ...row, gradedAt: iso(row.gradedAt), ...(withStudentName ? { studentName } : {}) }));
  }
}
