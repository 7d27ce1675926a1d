import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';

export interface MissingWork {
  assignmentId: string;
  studentId: string;
}

@Injectable()
export class MissingAssignmentsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /**
   * Claims up to `limit` (assignment, student) pairs whose due date has passed without a submission, by
   * inserting their marker rows. Only the transaction whose insert wins gets a pair back: a concurrent
   * instance blocks on the primary key, then skips it (ON CONFLICT DO NOTHING), so each pair is announced
   * once. Students who enrolled after the due date are not counted as missing it.
   */
  claimDue(now: Date, lookbackDays: number, limit: number, db: EntityManager): Promise<MissingWork[]> {
    return db.query<MissingWork[]>(
      `WITH due AS (
         SELECT a.id AS assignment_id, e.student_id
           FROM "core"."assignments" a
           JOIN "core"."enrollments" e ON e.course_id = a.course_id AND e.status = 'active' AND e.enrolled_at < a.due_at
          WHERE a.due_at <= $1 AND a.due_at > $1 - make_interval(days => $2)
            AND NOT EXISTS (SELECT 1 FROM "core"."submissions" s WHERE s.assignment_id = a.id AND s.student_id = e.student_id)
            AND NOT EXISTS (SELECT 1 FROM "core"."missing_assignment_notices" n WHERE n.assignment_id = a.id AND n.student_id = e.student_id)
          ORDER BY a.due_at, a.id, e.student_id
          LIMIT $3)
       INSERT INTO "core"."missing_assignment_notices" (assignment_id, student_id, detected_at)
       SELECT assignment_id, student_id, $1 FROM due
       ON CONFLICT DO NOTHING
       RETURNING assignment_id AS "assignmentId", student_id AS "studentId"`,
      [now, lookbackDays, limit],
    );
  }

  countForAssignment(assignmentId: string, db: EntityManager = this.dataSource.manager): Promise<number> {
    return db
      .query<{ count: number }[]>(`SELECT count(*)::int AS count FROM "core"."missing_assignment_notices" WHERE assignment_id = $1`, [assignmentId])
      .then((rows) => rows[0]?.count ?? 0);
  }
}
