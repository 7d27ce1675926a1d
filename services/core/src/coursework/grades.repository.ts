import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, type Grade, iso } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { GradeEntity } from './grade.entity';

type GradeRow = Omit<Grade, 'gradedAt'> & { gradedAt: Date };

interface GradeFilter {
  assignmentId?: string;
  courseId?: string;
  studentId?: string;
  teacherId?: string;
}

const MAX_ROWS = 1000;

@Injectable()
export class GradesRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Returns the grade and whether one existed before (a regrade). */
  async upsertForStudent(
    studentId: string,
    grade: { assignmentId: string; score: number; feedback: string | null; gradedBy: string | null; gradedAt?: Date },
    db: EntityManager,
  ): Promise<{ grade: GradeEntity; regraded: boolean }> {
    const [row] = await db.query<{ inserted: boolean }[]>(
      `INSERT INTO "core"."grades" (assignment_id, student_id, score, feedback, graded_by, graded_at)
       VALUES ($1, $2, $3, $4, $5, COALESCE($6, now()))
       ON CONFLICT (assignment_id, student_id) DO UPDATE
         SET score = EXCLUDED.score, feedback = EXCLUDED.feedback, graded_by = EXCLUDED.graded_by, graded_at = EXCLUDED.graded_at
       RETURNING (xmax = 0) AS inserted`,
      [grade.assignmentId, studentId, grade.score, grade.feedback, grade.gradedBy, grade.gradedAt ?? null],
    );
    const saved = await db.findOneByOrFail(GradeEntity, { assignmentId: grade.assignmentId, studentId });
    return { grade: saved, regraded: row ? !row.inserted : false };
  }

  async findForStudent(studentId: string, assignmentId: string): Promise<Grade | null> {
    const [grade] = await this.list({ studentId, assignmentId });
    return grade ?? null;
  }

  /** A student's own grades, optionally in one course. */
  listForStudent(studentId: string, options: { courseId?: string } = {}): Promise<Grade[]> {
    return this.list({ studentId, courseId: options.courseId });
  }

  /** A course's grades, optionally of one student. */
  listForCourse(courseId: string, options: { studentId?: string } = {}): Promise<Grade[]> {
    return this.list({ courseId, studentId: options.studentId });
  }

  /** Grades in the courses a teacher teaches, optionally of one student. */
  listForTeacher(teacherId: string, options: { studentId?: string } = {}): Promise<Grade[]> {
    return this.list({ teacherId, studentId: options.studentId });
  }

  private async list(filter: GradeFilter, db: EntityManager = this.dataSource.manager): Promise<Grade[]> {
    const rows = await db.query<GradeRow[]>(
      `SELECT g.id, g.assignment_id AS "assignmentId", a.title AS "assignmentTitle", a.course_id AS "courseId",
              c.code AS "courseCode", g.student_id AS "studentId", (u.first_name || ' ' || u.last_name) AS "studentName",
              g.score::float8 AS score, a.max_score::float8 AS "maxScore", g.feedback, g.graded_at AS "gradedAt"
         FROM "core"."grades" g
         JOIN "core"."assignments" a ON a.id = g.assignment_id
         JOIN "core"."courses" c ON c.id = a.course_id
         JOIN "core"."users" u ON u.id = g.student_id
        WHERE ($1::uuid IS NULL OR a.course_id = $1)
          AND ($2::uuid IS NULL OR g.student_id = $2)
          AND ($3::uuid IS NULL OR a.course_id IN (SELECT course_id FROM "core"."course_teachers" WHERE teacher_id = $3))
          AND ($4::uuid IS NULL OR g.assignment_id = $4)
        ORDER BY g.graded_at DESC, g.id
        LIMIT ${MAX_ROWS}`,
      [filter.courseId ?? null, filter.studentId ?? null, filter.teacherId ?? null, filter.assignmentId ?? null],
    );
    return rows.map((row) => ({ ...row, gradedAt: iso(row.gradedAt) }));
  }
}
