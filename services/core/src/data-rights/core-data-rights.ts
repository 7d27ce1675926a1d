import { Injectable } from '@nestjs/common';
import { affected, type UserDataRights } from '@tec/shared';
import type { EntityManager } from 'typeorm';

/**
 * Core's part. Export: the account, sign-ins, enrollments, coursework and activity. Erasure (done with the request,
 * in core's transaction): the account is de-identified (name, email, birth date, password) and deactivated,
 * sign-in sessions (IP, browser) are deleted, submission texts and forum reply texts are removed. Enrollments,
 * grades, quiz results and certificates stay under the pseudonymous id: they are the school's academic record,
 * which it must keep (GDPR Art. 17(3)(b), a legal obligation of the school).
 */
@Injectable()
export class CoreDataRights implements UserDataRights {
  readonly exportQueries = {
    account: `SELECT id, email, first_name AS "firstName", last_name AS "lastName", role, timezone, locale, date_of_birth AS "dateOfBirth", active, created_at AS "createdAt", updated_at AS "updatedAt" FROM "core"."users" WHERE id = $1`,
    signIns: `SELECT id, user_agent AS "userAgent", ip, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt", revoked_reason AS "revokedReason" FROM "core"."auth_sessions" WHERE user_id = $1 ORDER BY created_at`,
    enrollments: `SELECT e.id, c.code AS "courseCode", c.title AS "courseTitle", e.status, e.enrolled_at AS "enrolledAt", e.dropped_at AS "droppedAt" FROM "core"."enrollments" e JOIN "core"."courses" c ON c.id = e.course_id WHERE e.student_id = $1 ORDER BY e.enrolled_at`,
    teaching: `SELECT c.code AS "courseCode", c.title AS "courseTitle", t.assigned_at AS "assignedAt" FROM "core"."course_teachers" t JOIN "core"."courses" c ON c.id = t.course_id WHERE t.teacher_id = $1 ORDER BY t.assigned_at`,
    submissions: `SELECT s.id, a.title AS "assignment", s.content, s.submitted_at AS "submittedAt" FROM "core"."submissions" s JOIN "core"."assignments" a ON a.id = s.assignment_id WHERE s.student_id = $1 ORDER BY s.submitted_at`,
    grades: `SELECT g.id, a.title AS "assignment", g.score, a.max_score AS "maxScore", g.feedback, g.graded_at AS "gradedAt" FROM "core"."grades" g JOIN "core"."assignments" a ON a.id = g.assignment_id WHERE g.student_id = $1 ORDER BY g.graded_at`,
    quizResults: `SELECT id, quiz_name AS "quiz", score, total_points AS "totalPoints", graded_at AS "gradedAt" FROM "core"."quiz_results" WHERE student_id = $1 ORDER BY graded_at`,
    forumReplies: `SELECT id, thread_title AS "thread", reply_text AS "text", posted_at AS "postedAt" FROM "core"."forum_replies" WHERE replier_id = $1 ORDER BY posted_at`,
    certificates: `SELECT c.id, co.code AS "courseCode", c.certificate_url AS "url", c.issued_at AS "issuedAt" FROM "core"."certificates" c JOIN "core"."courses" co ON co.id = c.course_id WHERE c.student_id = $1`,
    pathMilestones: `SELECT id, path_name AS "path", completed_courses AS "completedCourses", total_courses AS "totalCourses", reached_at AS "reachedAt" FROM "core"."path_milestones" WHERE student_id = $1`,
    dataRightsRequests: `SELECT id, kind, actor_id AS "actorId", reason, requested_at AS "requestedAt", completed_at AS "completedAt" FROM "core"."data_rights_requests" WHERE user_id = $1 ORDER BY requested_at`,
  };

  async erase(userId: string, db: EntityManager): Promise<Record<string, number>> {
    return {
      accountsDeidentified: await affected(
        db,
        `UPDATE "core"."users" SET email = 'erased-' || id || '@erased.invalid', first_name = 'Deleted', last_name = 'user', date_of_birth = NULL,
                password_hash = NULL, active = false, updated_at = now()
          WHERE id = $1 AND email <> 'erased-' || id || '@erased.invalid' RETURNING 1`,
        [userId],
      ),
      signInsDeleted: await affected(db, `DELETE FROM "core"."auth_sessions" WHERE user_id = $1 RETURNING 1`, [userId]),
      submissionTextsRemoved: await affected(db, `UPDATE "core"."submissions" SET content = NULL WHERE student_id = $1 AND content IS NOT NULL RETURNING 1`, [userId]),
      forumRepliesRemoved: await affected(db, `UPDATE "core"."forum_replies" SET reply_text = '[erased]' WHERE replier_id = $1 AND reply_text <> '[erased]' RETURNING 1`, [userId]),
    };
  }
}
