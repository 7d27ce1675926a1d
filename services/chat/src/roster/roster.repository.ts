import { Injectable } from '@nestjs/common';
import { ROSTER_PROFILE_SELECT, RosterReadModel, type ChatUserRef, type RosterCourseRow, type UserProfile } from '@tec/shared';
import type { EntityManager } from 'typeorm';
import type { RelationFacts } from '../policy/safety-policy';

export type CourseRow = RosterCourseRow;

export interface ChatUserRow extends ChatUserRef {
  active: boolean;
}

/**
 * The platform's roster read model (libs/shared/src/read-models) over the `chat` schema, plus the reads the
 * safety policy and conversations need, joining the parent portal's active links (`ParentLinksReadModel`).
 * Written only by event handlers. Every read names the people or course it is about.
 */
@Injectable()
export class RosterRepository extends RosterReadModel {
  async findUsers(ids: readonly string[], db: EntityManager = this.dataSource.manager): Promise<ChatUserRow[]> {
    if (ids.length === 0) return [];
    return db.query<ChatUserRow[]>(
      `SELECT id, first_name AS "firstName", last_name AS "lastName", role, active FROM "chat"."users" WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** Profiles of the active accounts among `ids`. */
  async activeProfiles(ids: readonly string[], db: EntityManager = this.dataSource.manager): Promise<UserProfile[]> {
    if (ids.length === 0) return [];
    return db.query<UserProfile[]>(`SELECT ${ROSTER_PROFILE_SELECT} FROM "chat"."users" u WHERE u.id = ANY($1::uuid[]) AND u.active`, [ids]);
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
