import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { EnrollmentEntity } from './enrollment.entity';

export type EnrollChange = 'created' | 'reactivated' | 'unchanged';

@Injectable()
export class EnrollmentsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  findForStudent(courseId: string, studentId: string, db: EntityManager = this.dataSource.manager): Promise<EnrollmentEntity | null> {
    return db.findOneBy(EnrollmentEntity, { courseId, studentId });
  }

  /** Creates the enrollment, or reactivates a dropped one; an active one is left as it is. */
  /** `enrolledAt` is for syncs and the seed that replay a term that started earlier; it defaults to now. */
  async activate(
    courseId: string,
    studentId: string,
    db: EntityManager,
    enrolledAt?: Date,
  ): Promise<{ enrollment: EnrollmentEntity; change: EnrollChange }> {
    const rows = await db.query<{ id: string; inserted: boolean }[]>(
      `INSERT INTO "core"."enrollments" (course_id, student_id, status, enrolled_at) VALUES ($1, $2, 'active', COALESCE($3, now()))
       ON CONFLICT (course_id, student_id) DO UPDATE
         SET status = 'active', enrolled_at = EXCLUDED.enrolled_at, dropped_at = NULL
         WHERE "core"."enrollments".status = 'dropped'
       RETURNING id, (xmax = 0) AS inserted`,
      [courseId, studentId, enrolledAt ?? null],
    );
    const enrollment = await db.findOneByOrFail(EnrollmentEntity, { courseId, studentId });
    const row = rows[0];
    return { enrollment, change: !row ? 'unchanged' : row.inserted ? 'created' : 'reactivated' };
  }

  /** Null when there was no active enrollment to drop. */
  async drop(courseId: string, studentId: string, db: EntityManager): Promise<EnrollmentEntity | null> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [, affected] = await db.query<[unknown[], number]>(
      `UPDATE "core"."enrollments" SET status = 'dropped', dropped_at = now()
        WHERE course_id = $1 AND student_id = $2 AND status = 'active'`,
      [courseId, studentId],
    );
    return affected > 0 ? db.findOneBy(EnrollmentEntity, { courseId, studentId }) : null;
  }
}
