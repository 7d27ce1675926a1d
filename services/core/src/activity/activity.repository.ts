import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { CertificateEntity } from './certificate.entity';
import { ForumReplyEntity } from './forum-reply.entity';
import { PathMilestoneEntity } from './path-milestone.entity';
import { QuizResultEntity } from './quiz-result.entity';

/** Activity recorded for a student (quiz, certificate, milestone) or in a course (forum replies). */
@Injectable()
export class ActivityRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Re-recording a (course, quiz, student) result replaces it: the source LMS may regrade. */
  async upsertQuizResultForStudent(
    studentId: string,
    result: { courseId: string; quizId: string; quizName: string; score: number; totalPoints: number },
    db: EntityManager,
  ): Promise<QuizResultEntity> {
    await db.query(
      `INSERT INTO "core"."quiz_results" (course_id, student_id, quiz_id, quiz_name, score, total_points) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (course_id, quiz_id, student_id) DO UPDATE
         SET quiz_name = EXCLUDED.quiz_name, score = EXCLUDED.score, total_points = EXCLUDED.total_points, graded_at = now()`,
      [result.courseId, studentId, result.quizId, result.quizName, result.score, result.totalPoints],
    );
    return db.findOneByOrFail(QuizResultEntity, { courseId: result.courseId, quizId: result.quizId, studentId });
  }

  async insertForumReplyInCourse(
    courseId: string,
    reply: { threadId: string; threadTitle: string; threadAuthorId: string; replierId: string; replyText: string },
    db: EntityManager,
  ): Promise<ForumReplyEntity> {
    const result = await db.insert(ForumReplyEntity, { ...reply, courseId, postedAt: new Date() });
    return db.findOneByOrFail(ForumReplyEntity, { id: (result.identifiers[0] as { id: string }).id });
  }

  /** Null when the student already holds this course's certificate. */
  async insertCertificateForStudent(
    studentId: string,
    certificate: { courseId: string; certificateUrl: string | null },
    db: EntityManager,
  ): Promise<{ certificate: CertificateEntity; created: boolean }> {
    const rows = await db.query<unknown[]>(
      `INSERT INTO "core"."certificates" (course_id, student_id, certificate_url) VALUES ($1, $2, $3)
       ON CONFLICT (course_id, student_id) DO NOTHING RETURNING id`,
      [certificate.courseId, studentId, certificate.certificateUrl],
    );
    const saved = await db.findOneByOrFail(CertificateEntity, { courseId: certificate.courseId, studentId });
    return { certificate: saved, created: rows.length > 0 };
  }

  async insertMilestoneForStudent(
    studentId: string,
    milestone: { pathId: string; pathName: string; completedCourses: number; totalCourses: number | null },
    db: EntityManager,
  ): Promise<{ milestone: PathMilestoneEntity; created: boolean }> {
    const rows = await db.query<unknown[]>(
      `INSERT INTO "core"."path_milestones" (student_id, path_id, path_name, completed_courses, total_courses) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (student_id, path_id, completed_courses) DO NOTHING RETURNING id`,
      [studentId, milestone.pathId, milestone.pathName, milestone.completedCourses, milestone.totalCourses],
    );
    const saved = await db.findOneByOrFail(PathMilestoneEntity, {
      studentId,
      pathId: milestone.pathId,
      completedCourses: milestone.completedCourses,
    });
    return { milestone: saved, created: rows.length > 0 };
  }

  countQuizResultsForStudent(studentId: string, db: EntityManager = this.dataSource.manager): Promise<number> {
    return db.countBy(QuizResultEntity, { studentId });
  }
}
