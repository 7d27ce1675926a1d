import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, DomainError, type CourseLevel, type CourseStudent, type CourseSummary } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '../common/db-errors';
import { CourseEntity } from './course.entity';

/** Whose courses to summarise. There is deliberately no unscoped variant besides `all` (admins, integrators). */
export type CourseScope = { kind: 'all' } | { kind: 'teaching'; teacherId: string } | { kind: 'enrolled'; studentId: string } | { kind: 'one'; courseId: string };

export type CourseSummaryRow = Omit<CourseSummary, 'relation'>;

export interface NewCourse {
  code: string;
  title: string;
  description: string;
  level: CourseLevel;
}

const SUMMARY_SELECT = `
  SELECT c.id, c.code, c.title, c.description, c.level,
         COALESCE((SELECT json_agg(json_build_object('id', u.id, 'firstName', u.first_name, 'lastName', u.last_name)
                                   ORDER BY u.last_name, u.first_name)
                     FROM "core"."course_teachers" ct JOIN "core"."users" u ON u.id = ct.teacher_id
                    WHERE ct.course_id = c.id), '[]'::json) AS teachers,
         (SELECT count(*)::int FROM "core"."enrollments" e WHERE e.course_id = c.id AND e.status = 'active') AS "studentCount"
    FROM "core"."courses" c`;

@Injectable()
export class CoursesRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  findById(courseId: string, db: EntityManager = this.dataSource.manager): Promise<CourseEntity | null> {
    return db.findOneBy(CourseEntity, { id: courseId });
  }

  findByCode(code: string, db: EntityManager = this.dataSource.manager): Promise<CourseEntity | null> {
    return db.createQueryBuilder(CourseEntity, 'c').where('upper(c.code) = upper(:code)', { code }).getOne();
  }

  async insert(course: NewCourse, db: EntityManager): Promise<CourseEntity> {
    try {
      const result = await db.insert(CourseEntity, course);
      return db.findOneByOrFail(CourseEntity, { id: (result.identifiers[0] as { id: string }).id });
    } catch (error) {
      if (isUniqueViolation(error, 'courses_code_key')) {
        throw new DomainError('ALREADY_EXISTS', 'A course with this code already exists', { field: 'code' });
      }
      throw error;
    }
  }

  async update(courseId: string, patch: Partial<NewCourse>, db: EntityManager): Promise<CourseEntity> {
    if (Object.keys(patch).length > 0) await db.update(CourseEntity, { id: courseId }, patch);
    return db.findOneByOrFail(CourseEntity, { id: courseId });
  }

  /** Course summaries with teachers and active-student counts in one query. */
  async summaries(scope: CourseScope, db: EntityManager = this.dataSource.manager): Promise<CourseSummaryRow[]> {
    const [where, params] = ((): [string, string[]] => {
      switch (scope.kind) {
        case 'all':
          return ['', []];
        case 'teaching':
          return ['WHERE c.id IN (SELECT course_id FROM "core"."course_teachers" WHERE teacher_id = $1)', [scope.teacherId]];
        case 'enrolled':
          return [`WHERE c.id IN (SELECT course_id FROM "core"."enrollments" WHERE student_id = $1 AND status = 'active')`, [scope.studentId]];
        case 'one':
          return ['WHERE c.id = $1', [scope.courseId]];
      }
    })();
    return db.query<CourseSummaryRow[]>(`${SUMMARY_SELECT} ${where} ORDER BY c.code`, params);
  }

  /** The caller's relation to one course, for authorization. */
  async membership(courseId: string, userId: string, db: EntityManager = this.dataSource.manager): Promise<{ teaching: boolean; enrolled: boolean }> {
    const [row] = await db.query<{ teaching: boolean; enrolled: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM "core"."course_teachers" WHERE course_id = $1 AND teacher_id = $2) AS teaching,
              EXISTS (SELECT 1 FROM "core"."enrollments" WHERE course_id = $1 AND student_id = $2 AND status = 'active') AS enrolled`,
      [courseId, userId],
    );
    return row ?? { teaching: false, enrolled: false };
  }

  /** True when newly assigned; assigning twice is a no-op. */
  async assignTeacher(courseId: string, teacherId: string, db: EntityManager): Promise<boolean> {
    const rows = await db.query<unknown[]>(
      `INSERT INTO "core"."course_teachers" (course_id, teacher_id) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING course_id`,
      [courseId, teacherId],
    );
    return rows.length > 0;
  }

  listStudents(courseId: string, includeDropped: boolean, db: EntityManager = this.dataSource.manager): Promise<CourseStudent[]> {
    return db.query<CourseStudent[]>(
      `SELECT u.id, u.email, u.first_name AS "firstName", u.last_name AS "lastName", u.timezone,
              u.date_of_birth::text AS "dateOfBirth", e.status AS "enrollmentStatus",
              to_char(e.enrolled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "enrolledAt"
         FROM "core"."enrollments" e JOIN "core"."users" u ON u.id = e.student_id
        WHERE e.course_id = $1 AND ($2 OR e.status = 'active')
        ORDER BY u.last_name, u.first_name, u.id`,
      [courseId, includeDropped],
    );
  }
}
