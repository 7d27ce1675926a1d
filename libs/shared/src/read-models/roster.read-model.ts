import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { StudentRef } from '../contracts/attendance/attendance.dto';
import type { UserProfile } from '../contracts/core/common.dto';
import { preparedRows } from '../db/prepared';
import { schemaOf } from '../events/outbox.repository';
import { DATA_SOURCE } from '../nest/tokens';
import { notErasedSql } from '../data-rights/erased';

export interface RosterCourseRow {
  id: string;
  code: string;
  title: string;
}

/** The `UserProfile` columns of the roster's `users` table aliased `u`, for services' own joins. */
export const ROSTER_PROFILE_SELECT = `u.id, u.email, u.first_name AS "firstName", u.last_name AS "lastName", u.role, u.timezone, u.locale,
  to_char(u.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth"`;

/**
 * The roster read model a service keeps of core's users, courses, course teachers and enrollments, in its own
 * schema (tables `users`, `courses`, `course_teachers`, `enrollments`, created by the service's migrations), filled
 * only by `CoreRosterHandlers`. Use cases read it; every read names the course or the person it is about.
 * A service extends it when it needs a read of its own (see live-classes' `RosterRepository`).
 */
@Injectable()
export class RosterReadModel {
  private readonly schema: string;

  constructor(@Inject(DATA_SOURCE) protected readonly dataSource: DataSource) {
    this.schema = schemaOf(dataSource);
  }

  protected table(name: 'users' | 'courses' | 'course_teachers' | 'enrollments'): string {
    return `"${this.schema}"."${name}"`;
  }

  async upsertUser(user: UserProfile, active: boolean, db: EntityManager): Promise<void> {
    await db.query(
      `INSERT INTO ${this.table('users')} (id, email, first_name, last_name, role, timezone, locale, date_of_birth, active, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT (id) DO UPDATE SET email = $2, first_name = $3, last_name = $4, role = $5, timezone = $6, locale = $7,
         date_of_birth = $8, active = $9, updated_at = now()
       WHERE ${notErasedSql(this.table('users'))}`,
      [user.id, user.email, user.firstName, user.lastName, user.role, user.timezone, user.locale, user.dateOfBirth, active],
    );
  }

  async upsertCourse(course: RosterCourseRow, db: EntityManager): Promise<void> {
    await db.query(
      `INSERT INTO ${this.table('courses')} (id, code, title) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET code = $2, title = $3, updated_at = now()`,
      [course.id, course.code, course.title],
    );
  }

  async addTeacher(courseId: string, teacherId: string, db: EntityManager): Promise<void> {
    await db.query(`INSERT INTO ${this.table('course_teachers')} (course_id, teacher_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [courseId, teacherId]);
  }

  /** Events may arrive out of order across subjects: only a newer fact moves the enrollment. True when it moved. */
  async setEnrollment(courseId: string, studentId: string, active: boolean, at: string, db: EntityManager): Promise<boolean> {
    const rows = await db.query<unknown[]>(
      `INSERT INTO ${this.table('enrollments')} (course_id, student_id, active, enrolled_at, dropped_at)
       VALUES ($1, $2, $3, $4, CASE WHEN $3 THEN NULL ELSE $4::timestamptz END)
       ON CONFLICT (course_id, student_id) DO UPDATE SET
         active = EXCLUDED.active,
         enrolled_at = CASE WHEN EXCLUDED.active THEN EXCLUDED.enrolled_at ELSE "enrollments".enrolled_at END,
         dropped_at = EXCLUDED.dropped_at
       WHERE GREATEST("enrollments".enrolled_at, COALESCE("enrollments".dropped_at, '-infinity')) <= $4::timestamptz
       RETURNING 1`,
      [courseId, studentId, active, at],
    );
    return rows.length > 0;
  }

  async findCourse(courseId: string, db: EntityManager = this.dataSource.manager): Promise<RosterCourseRow | null> {
    const rows = await db.query<RosterCourseRow[]>(`SELECT id, code, title FROM ${this.table('courses')} WHERE id = $1`, [courseId]);
    return rows[0] ?? null;
  }

  async isTeacherOf(courseId: string, teacherId: string, db: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await db.query(`SELECT 1 FROM ${this.table('course_teachers')} WHERE course_id = $1 AND teacher_id = $2`, [courseId, teacherId]);
    return rows.length > 0;
  }

  async isEnrolled(courseId: string, studentId: string, db: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await db.query(`SELECT 1 FROM ${this.table('enrollments')} WHERE course_id = $1 AND student_id = $2 AND active`, [courseId, studentId]);
    return rows.length > 0;
  }

  async courseIdsTaughtBy(teacherId: string, db: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = await db.query<{ course_id: string }[]>(`SELECT course_id FROM ${this.table('course_teachers')} WHERE teacher_id = $1`, [teacherId]);
    return rows.map((row) => row.course_id);
  }

  async courseIdsOfStudent(studentId: string, db: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = await db.query<{ course_id: string }[]>(`SELECT course_id FROM ${this.table('enrollments')} WHERE student_id = $1 AND active`, [studentId]);
    return rows.map((row) => row.course_id);
  }

  /** Actively enrolled students of a course, by name. */
  async activeStudents(courseId: string, db: EntityManager = this.dataSource.manager): Promise<StudentRef[]> {
    return db.query<StudentRef[]>(
      `SELECT u.id, u."first_name" AS "firstName", u."last_name" AS "lastName", u.email
         FROM ${this.table('enrollments')} e JOIN ${this.table('users')} u ON u.id = e.student_id
        WHERE e.course_id = $1 AND e.active ORDER BY u.last_name, u.first_name, u.id`,
      [courseId],
    );
  }

  /** Which of these ids are not actively enrolled in the course. */
  async notEnrolled(courseId: string, studentIds: string[], db: EntityManager): Promise<string[]> {
    if (studentIds.length === 0) return [];
    const rows = await db.query<{ id: string }[]>(
      `SELECT id FROM unnest($2::uuid[]) AS ids(id)
        WHERE NOT EXISTS (SELECT 1 FROM ${this.table('enrollments')} e WHERE e.course_id = $1 AND e.student_id = ids.id AND e.active)`,
      [courseId, studentIds],
    );
    return rows.map((row) => row.id);
  }

  async profile(userId: string, db: EntityManager = this.dataSource.manager): Promise<UserProfile | null> {
    const rows = await db.query<UserProfile[]>(`SELECT ${ROSTER_PROFILE_SELECT} FROM ${this.table('users')} u WHERE u.id = $1`, [userId]);
    return rows[0] ?? null;
  }

  /** The student's profile when actively enrolled in the course, else null (one round trip on the check-in path). */
  async enrolledProfile(courseId: string, studentId: string): Promise<UserProfile | null> {
    const rows = await preparedRows<UserProfile>(
      this.dataSource,
      `SELECT ${ROSTER_PROFILE_SELECT} FROM ${this.table('enrollments')} e JOIN ${this.table('users')} u ON u.id = e.student_id
        WHERE e.course_id = $1 AND e.student_id = $2 AND e.active`,
      [courseId, studentId],
    );
    return rows[0] ?? null;
  }

  async profiles(userIds: string[], db: EntityManager = this.dataSource.manager): Promise<Map<string, UserProfile>> {
    if (userIds.length === 0) return new Map();
    const rows = await db.query<UserProfile[]>(`SELECT ${ROSTER_PROFILE_SELECT} FROM ${this.table('users')} u WHERE u.id = ANY($1::uuid[])`, [userIds]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  async activeStudentProfiles(courseId: string, db: EntityManager = this.dataSource.manager): Promise<UserProfile[]> {
    return db.query<UserProfile[]>(
      `SELECT ${ROSTER_PROFILE_SELECT} FROM ${this.table('enrollments')} e JOIN ${this.table('users')} u ON u.id = e.student_id
        WHERE e.course_id = $1 AND e.active`,
      [courseId],
    );
  }

  async teacherProfiles(courseId: string, db: EntityManager = this.dataSource.manager): Promise<UserProfile[]> {
    return db.query<UserProfile[]>(
      `SELECT ${ROSTER_PROFILE_SELECT} FROM ${this.table('course_teachers')} t JOIN ${this.table('users')} u ON u.id = t.teacher_id WHERE t.course_id = $1`,
      [courseId],
    );
  }

  async countCourses(db: EntityManager = this.dataSource.manager): Promise<number> {
    const rows = await db.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM ${this.table('courses')}`);
    return rows[0]?.count ?? 0;
  }
}
