import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, notErasedSql, type UserProfile } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';

const T = '"parent_portal"';

export const PROFILE_SELECT = `u.id, u.email, u.first_name AS "firstName", u.last_name AS "lastName", u.role, u.timezone, u.locale,
  to_char(u.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth"`;

/**
 * An adult child (FERPA: rights pass to the student): 18 or older by date of birth, or enrolled in a bachelor
 * course. `u` is the student's row in `users`.
 */
export const ADULT_SQL = `(u.date_of_birth IS NOT NULL AND u.date_of_birth <= (current_date - interval '18 years')
  OR EXISTS (SELECT 1 FROM ${T}."enrollments" ae JOIN ${T}."courses" ac ON ac.id = ae.course_id
              WHERE ae.student_id = u.id AND ae.active AND ac.level = 'bachelor'))`;

export interface CourseFacts {
  id: string;
  code: string;
  title: string;
  level?: string | null;
}

export interface SessionFacts {
  id: string;
  startsAt: string;
  endsAt: string;
  topic: string | null;
}

/**
 * The read model of other services' facts, written only by the event handlers (src/events). Each write is an
 * idempotent upsert; where two events can describe one fact out of order, only a newer fact wins.
 */
@Injectable()
export class ReadModelRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async upsertUser(user: UserProfile, active: boolean, db: EntityManager): Promise<void> {
    await db.query(
      `INSERT INTO ${T}."users" (id, email, first_name, last_name, role, timezone, locale, date_of_birth, active, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT (id) DO UPDATE SET email = $2, first_name = $3, last_name = $4, role = $5, timezone = $6, locale = $7,
         date_of_birth = $8, active = $9, updated_at = now()
       WHERE ${notErasedSql(`${T}."users"`)}`,
      [user.id, user.email, user.firstName, user.lastName, user.role, user.timezone, user.locale, user.dateOfBirth, active],
    );
  }

  /** Other events carry a profile too; they refresh it without touching `active`. */
  async touchUser(user: UserProfile, db: EntityManager): Promise<void> {
    await db.query(
      `INSERT INTO ${T}."users" (id, email, first_name, last_name, role, timezone, locale, date_of_birth)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET email = $2, first_name = $3, last_name = $4, role = $5, timezone = $6, locale = $7, date_of_birth = $8
       WHERE ${notErasedSql(`${T}."users"`)}`,
      [user.id, user.email, user.firstName, user.lastName, user.role, user.timezone, user.locale, user.dateOfBirth],
    );
  }

  async upsertCourse(course: CourseFacts, db: EntityManager): Promise<void> {
    await db.query(
      `INSERT INTO ${T}."courses" (id, code, title, level) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET code = $2, title = $3, level = COALESCE($4, "courses".level), updated_at = now()`,
      [course.id, course.code, course.title, course.level ?? null],
    );
  }

  async addTeacher(courseId: string, teacherId: string, db: EntityManager): Promise<void> {
    await db.query(`INSERT INTO ${T}."course_teachers" (course_id, teacher_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [courseId, teacherId]);
  }

  async setEnrollment(courseId: string, studentId: string, active: boolean, at: string, db: EntityManager): Promise<void> {
    await db.query(
      `INSERT INTO ${T}."enrollments" (course_id, student_id, active, enrolled_at, dropped_at)
       VALUES ($1, $2, $3, $4, CASE WHEN $3 THEN NULL ELSE $4::timestamptz END)
       ON CONFLICT (course_id, student_id) DO UPDATE SET
         active = EXCLUDED.active,
         enrolled_at = CASE WHEN EXCLUDED.active THEN EXCLUDED.enrolled_at ELSE "enrollments".enrolled_at END,
         dropped_at = EXCLUDED.dropped_at
       WHERE GREATEST("enrollments".enrolled_at, COALESCE("enrollments".dropped_at, '-infinity')) <= $4::timestamptz`,
      [courseId, studentId, active, at],
    );
  }

  async studentsOfCourse(courseId: string, db: EntityManager): Promise<string[]> {
    const rows = await db.query<{ student_id: string }[]>(`SELECT student_id FROM ${T}."enrollments" WHERE course_id = $1 AND active`, [courseId]);
    return rows.map((row) => row.student_id);
  }

  async upsertAssignment(assignment: { id: string; title: string; dueAt: string; maxScore: number }, courseId: string, db: EntityManager): Promise<void> {
    await db.query(
      `INSERT INTO ${T}."assignments" (id, course_id, title, due_at, max_score) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET title = $3, due_at = $4, max_score = $5`,
      [assignment.id, courseId, assignment.title, assignment.dueAt, assignment.maxScore],
    );
  }

  /** A regrade replaces the grade; an older event arriving late does not. */
  async upsertGrade(
    grade: { assignmentId: string; studentId: string; courseId: string; score: number; maxScore: number; percentage: number; gradedAt: string },
    db: EntityManager,
  ): Promise<void> {
    await db.query(
      `INSERT INTO ${T}."grades" (assignment_id, student_id, course_id, score, max_score, percentage, graded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (assignment_id, student_id) DO UPDATE SET score = $4, max_score = $5, percentage = $6, graded_at = $7
       WHERE "grades".graded_at <= $7::timestamptz`,
      [grade.assignmentId, grade.studentId, grade.courseId, grade.score, grade.maxScore, grade.percentage, grade.gradedAt],
    );
  }

  async markMissing(assignmentId: string, studentId: string, courseId: string, detectedAt: string, db: EntityManager): Promise<void> {
    await db.query(
      `INSERT INTO ${T}."missing_work" (assignment_id, student_id, course_id, detected_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (assignment_id, student_id) DO NOTHING`,
      [assignmentId, studentId, courseId, detectedAt],
    );
  }

  /** Handed in or graded: no longer missing. True when it was missing until now. */
  async resolveMissing(assignmentId: string, studentId: string, at: string, db: EntityManager): Promise<boolean> {
    const rows = await db.query(
      `UPDATE ${T}."missing_work" SET resolved_at = $3 WHERE assignment_id = $1 AND student_id = $2 AND resolved_at IS NULL RETURNING 1`,
      [assignmentId, studentId, at],
    );
    return (Array.isArray(rows[0]) ? rows[0] : rows).length > 0;
  }

  async upsertSession(courseId: string, session: SessionFacts, db: EntityManager, cancelled = false): Promise<void> {
    await db.query(
      `INSERT INTO ${T}."sessions" (id, course_id, starts_at, ends_at, topic, cancelled) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET starts_at = $3, ends_at = $4, topic = $5, cancelled = "sessions".cancelled OR $6`,
      [session.id, courseId, session.startsAt, session.endsAt, session.topic, cancelled],
    );
  }

  /** One record per (session, student); a later mark (by `markedAt`) replaces an earlier one, never the reverse. Returns true when it changed. */
  async upsertRecord(
    record: { sessionId: string; studentId: string; courseId: string; status: string; sessionStartsAt: string; markedAt: string },
    db: EntityManager,
  ): Promise<boolean> {
    const rows = await db.query(
      `INSERT INTO ${T}."attendance_records" (session_id, student_id, course_id, status, session_starts_at, marked_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (session_id, student_id) DO UPDATE SET status = $4, marked_at = $6
       WHERE "attendance_records".marked_at < $6::timestamptz AND "attendance_records".status <> $4
       RETURNING 1`,
      [record.sessionId, record.studentId, record.courseId, record.status, record.sessionStartsAt, record.markedAt],
    );
    return rows.length > 0;
  }

  async upsertLiveClass(
    live: { id: string; courseId: string; name: string; startsAt: string; endsAt: string; status: string },
    db: EntityManager,
  ): Promise<void> {
    await db.query(
      `INSERT INTO ${T}."live_classes" (id, course_id, name, starts_at, ends_at, status) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET name = $3, starts_at = $4, ends_at = $5,
         status = CASE WHEN "live_classes".status = 'cancelled' THEN 'cancelled' ELSE $6 END, updated_at = now()`,
      [live.id, live.courseId, live.name, live.startsAt, live.endsAt, live.status],
    );
  }

  /** A higher revision of a class's computed attendance replaces a lower one. Returns the students whose row changed. */
  async upsertLiveAttendance(
    classId: string,
    courseId: string,
    revision: number,
    results: { studentId: string; minutesAttended: number; attendedRatio: number }[],
    db: EntityManager,
  ): Promise<string[]> {
    if (results.length === 0) return [];
    const rows = await db.query<{ student_id: string }[]>(
      `INSERT INTO ${T}."live_attendance" (class_id, student_id, course_id, minutes_attended, attended_ratio, revision)
       SELECT $1, r.student_id, $2, r.minutes, r.ratio, $3
         FROM unnest($4::uuid[], $5::numeric[], $6::numeric[]) AS r(student_id, minutes, ratio)
       ON CONFLICT (class_id, student_id) DO UPDATE SET minutes_attended = EXCLUDED.minutes_attended,
         attended_ratio = EXCLUDED.attended_ratio, revision = EXCLUDED.revision
       WHERE "live_attendance".revision < EXCLUDED.revision
       RETURNING student_id`,
      [classId, courseId, revision, results.map((r) => r.studentId), results.map((r) => r.minutesAttended), results.map((r) => r.attendedRatio)],
    );
    return rows.map((row) => row.student_id);
  }

  async profile(userId: string, db: EntityManager = this.dataSource.manager): Promise<UserProfile | null> {
    const rows = await db.query<UserProfile[]>(`SELECT ${PROFILE_SELECT} FROM ${T}."users" u WHERE u.id = $1`, [userId]);
    return rows[0] ?? null;
  }

  async profiles(userIds: string[], db: EntityManager = this.dataSource.manager): Promise<Map<string, UserProfile>> {
    if (userIds.length === 0) return new Map();
    const rows = await db.query<UserProfile[]>(`SELECT ${PROFILE_SELECT} FROM ${T}."users" u WHERE u.id = ANY($1::uuid[])`, [userIds]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  async activeAdmins(db: EntityManager): Promise<UserProfile[]> {
    return db.query<UserProfile[]>(`SELECT ${PROFILE_SELECT} FROM ${T}."users" u WHERE u.role = 'admin' AND u.active ORDER BY u.id LIMIT 50`);
  }

  /** Teachers of the courses the student is actively enrolled in. */
  async teachersOfStudent(studentId: string, db: EntityManager): Promise<UserProfile[]> {
    return db.query<UserProfile[]>(
      `SELECT DISTINCT ${PROFILE_SELECT} FROM ${T}."enrollments" e
         JOIN ${T}."course_teachers" t ON t.course_id = e.course_id
         JOIN ${T}."users" u ON u.id = t.teacher_id
        WHERE e.student_id = $1 AND e.active AND u.active`,
      [studentId],
    );
  }

  async teachesStudent(teacherId: string, studentId: string, db: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await db.query(
      `SELECT 1 FROM ${T}."enrollments" e JOIN ${T}."course_teachers" t ON t.course_id = e.course_id
        WHERE e.student_id = $1 AND e.active AND t.teacher_id = $2 LIMIT 1`,
      [studentId, teacherId],
    );
    return rows.length > 0;
  }

  async isAdult(studentId: string, db: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await db.query<{ adult: boolean }[]>(`SELECT ${ADULT_SQL} AS adult FROM ${T}."users" u WHERE u.id = $1`, [studentId]);
    return rows[0]?.adult ?? false;
  }

  async findUserByEmail(email: string, db: EntityManager = this.dataSource.manager): Promise<UserProfile | null> {
    const rows = await db.query<UserProfile[]>(`SELECT ${PROFILE_SELECT} FROM ${T}."users" u WHERE lower(u.email) = lower($1)`, [email]);
    return rows[0] ?? null;
  }
}
