import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, type ChatUserRef, type UserProfile } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import type { RelationFacts } from '../policy/safety-policy';

export interface CourseRow {
  id: string;
  code: string;
  title: string;
}

export interface ChatUserRow extends ChatUserRef {
  active: boolean;
}

export const PROFILE_SELECT = `u.id, u.email, u.first_name AS "firstName", u.last_name AS "lastName", u.role, u.timezone, u.locale,
  to_char(u.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth"`;

/**
 * The read model of core's users, courses, course teachers and enrollments and of the parent portal's active
 * links, written only by the handlers in src/events. Every read names the people or course it is about.
 */
@Injectable()
export class RosterRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async upsertUser(user: UserProfile, active: boolean, db: EntityManager): Promise<void> {
    await db.query(
      `INSERT INTO "chat"."users" (id, email, first_name, last_name, role, timezone, locale, date_of_birth, active, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT (id) DO UPDATE SET email = $2, first_name = $3, last_name = $4, role = $5, timezone = $6, locale = $7,
         date_of_birth = $8, active = $9, updated_at = now()`,
      [user.id, user.email, user.firstName, user.lastName, user.role, user.timezone, user.locale, user.dateOfBirth, active],
    );
  }

  async upsertCourse(course: CourseRow, db: EntityManager): Promise<void> {
    await db.query(
      `INSERT INTO "chat"."courses" (id, code, title) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET code = $2, title = $3, updated_at = now()`,
      [course.id, course.code, course.title],
    );
  }

  async addTeacher(courseId: string, teacherId: string, db: EntityManager): Promise<void> {
    await db.query(`INSERT INTO "chat"."course_teachers" (course_id, teacher_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [courseId, teacherId]);
  }

  /** Events may arrive out of order across subjects: only a newer fact moves the enrollment. Returns whether it moved. */
  async setEnrollment(courseId: string, studentId: string, active: boolean, at: string, db: EntityManager): Promise<boolean> {
    const rows = await db.query<unknown[]>(
      `INSERT INTO "chat"."enrollments" (course_id, student_id, active, enrolled_at, dropped_at)
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

  async setParentLink(link: { linkId: string; parentId: string; studentId: string; relationship: string; active: boolean }, db: EntityManager): Promise<void> {
    await db.query(
      `INSERT INTO "chat"."parent_links" (link_id, parent_id, student_id, relationship, active) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (link_id) DO UPDATE SET active = $5, relationship = CASE WHEN $5 THEN $4 ELSE "parent_links".relationship END, updated_at = now()`,
      [link.linkId, link.parentId, link.studentId, link.relationship, link.active],
    );
  }

  async findUsers(ids: readonly string[], db: EntityManager = this.dataSource.manager): Promise<ChatUserRow[]> {
    if (ids.length === 0) return [];
    return db.query<ChatUserRow[]>(
      `SELECT id, first_name AS "firstName", last_name AS "lastName", role, active FROM "chat"."users" WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  async profiles(ids: readonly string[], db: EntityManager = this.dataSource.manager): Promise<UserProfile[]> {
    if (ids.length === 0) return [];
    return db.query<UserProfile[]>(`SELECT ${PROFILE_SELECT} FROM "chat"."users" u WHERE u.id = ANY($1::uuid[]) AND u.active`, [ids]);
  }

  async findCourse(courseId: string, db: EntityManager = this.dataSource.manager): Promise<CourseRow | null> {
    const rows = await db.query<CourseRow[]>(`SELECT id, code, title FROM "chat"."courses" WHERE id = $1`, [courseId]);
    return rows[0] ?? null;
  }

  async isTeacherOf(courseId: string, teacherId: string, db: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await db.query(`SELECT 1 FROM "chat"."course_teachers" WHERE course_id = $1 AND teacher_id = $2`, [courseId, teacherId]);
    return rows.length > 0;
  }

  async activeStudentIds(courseId: string, db: EntityManager): Promise<string[]> {
    const rows = await db.query<{ id: string }[]>(
      `SELECT e.student_id AS id FROM "chat"."enrollments" e JOIN "chat"."users" u ON u.id = e.student_id WHERE e.course_id = $1 AND e.active AND u.active`,
      [courseId],
    );
    return rows.map((row) => row.id);
  }

  async teacherIds(courseId: string, db: EntityManager): Promise<string[]> {
    const rows = await db.query<{ id: string }[]>(`SELECT teacher_id AS id FROM "chat"."course_teachers" WHERE course_id = $1`, [courseId]);
    return rows.map((row) => row.id);
  }

  /**
   * What the safety policy needs about the caller and each target, in one query: shared active courses (as
   * teacher/student or classmates), whether a target teaches a course of the caller's active-linked child (or the
   * other way round), and whether one is the other's active-linked child.
   */
  async relationFacts(callerId: string, targetIds: readonly string[], db: EntityManager = this.dataSource.manager): Promise<Map<string, RelationFacts>> {
    if (targetIds.length === 0) return new Map();
    const rows = await db.query<(RelationFacts & { id: string })[]>(
      `SELECT t.id,
         EXISTS (SELECT 1 FROM "chat"."course_teachers" ct JOIN "chat"."enrollments" e ON e.course_id = ct.course_id AND e.active
                 WHERE (ct.teacher_id = $1 AND e.student_id = t.id) OR (ct.teacher_id = t.id AND e.student_id = $1)) AS "teacherStudent",
         EXISTS (SELECT 1 FROM "chat"."enrollments" a JOIN "chat"."enrollments" b ON b.course_id = a.course_id AND b.active
                 WHERE a.active AND a.student_id = $1 AND b.student_id = t.id) AS "classmates",
         EXISTS (SELECT 1 FROM "chat"."parent_links" l JOIN "chat"."enrollments" e ON e.student_id = l.student_id AND e.active
                   JOIN "chat"."course_teachers" ct ON ct.course_id = e.course_id
                 WHERE l.active AND ((l.parent_id = $1 AND ct.teacher_id = t.id) OR (l.parent_id = t.id AND ct.teacher_id = $1))) AS "teachesChild",
         EXISTS (SELECT 1 FROM "chat"."parent_links" l
                 WHERE l.active AND ((l.parent_id = $1 AND l.student_id = t.id) OR (l.parent_id = t.id AND l.student_id = $1))) AS "parentChild"
       FROM unnest($2::uuid[]) AS t(id)`,
      [callerId, targetIds],
    );
    return new Map(rows.map(({ id, ...facts }) => [id, facts]));
  }

  /** Pairs (parent, student) among `userIds` where the student is not that parent's active-linked child. */
  async unlinkedParentStudentPairs(userIds: readonly string[], db: EntityManager): Promise<number> {
    const rows = await db.query<{ count: string }[]>(
      `SELECT count(*)::text AS count FROM "chat"."users" p JOIN "chat"."users" s ON s.role = 'student' AND s.id = ANY($1::uuid[])
       WHERE p.role = 'parent' AND p.id = ANY($1::uuid[])
         AND NOT EXISTS (SELECT 1 FROM "chat"."parent_links" l WHERE l.active AND l.parent_id = p.id AND l.student_id = s.id)`,
      [userIds],
    );
    return Number(rows[0]?.count ?? 0);
  }
}
