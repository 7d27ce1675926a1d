import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { SubmissionEntity } from './submission.entity';

@Injectable()
export class SubmissionsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** One submission per (assignment, student); handing in again replaces content and time. */
  async upsertForStudent(
    studentId: string,
    submission: { assignmentId: string; content: string | null; submittedAt: Date },
    db: EntityManager,
  ): Promise<SubmissionEntity> {
    await db.query(
      `INSERT INTO "core"."submissions" (assignment_id, student_id, content, submitted_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (assignment_id, student_id) DO UPDATE SET content = EXCLUDED.content, submitted_at = EXCLUDED.submitted_at`,
      [submission.assignmentId, studentId, submission.content, submission.submittedAt],
    );
    return db.findOneByOrFail(SubmissionEntity, { assignmentId: submission.assignmentId, studentId });
  }

  findForStudent(studentId: string, assignmentId: string, db: EntityManager = this.dataSource.manager): Promise<SubmissionEntity | null> {
    return db.findOneBy(SubmissionEntity, { assignmentId, studentId });
  }
}
