import { Injectable } from '@nestjs/common';
import { affected, type UserDataRights } from '@tec/shared';
import type { EntityManager } from 'typeorm';

/**
 * Live classes' part. Computed attendance results stay under the pseudonymous id: they feed the attendance
 * register (a school record, GDPR Art. 17(3)(b)). The rest goes: the provider's presence log loses the display
 * name and email (also rows matched only by the address), join clicks, question votes and the calendar feed are
 * deleted, personal join links are blanked, question texts are replaced, the roster copy is de-identified.
 */
@Injectable()
export class LiveClassesDataRights implements UserDataRights {
  readonly exportQueries = {
    profile: `SELECT id, email, first_name AS "firstName", last_name AS "lastName", role, active FROM "live_classes"."users" WHERE id = $1`,
    classes: `SELECT c.id, c.name, c.starts_at AS "startsAt", c.ends_at AS "endsAt", p.role, p.first_clicked_at AS "firstClickedAt"
      FROM "live_classes"."participants" p JOIN "live_classes"."classes" c ON c.id = p.class_id WHERE p.user_id = $1 ORDER BY c.starts_at`,
    taught: `SELECT id, name, starts_at AS "startsAt", status FROM "live_classes"."classes" WHERE teacher_id = $1 ORDER BY starts_at`,
    presence: `SELECT e.class_id AS "classId", e.kind, e.at, e.display_name AS "displayName", e.email FROM "live_classes"."presence_events" e
      WHERE e.user_id = $1 OR lower(e.email) = (SELECT lower(email) FROM "live_classes"."users" WHERE id = $1) ORDER BY e.at, e.id`,
    joinClicks: `SELECT class_id AS "classId", clicked_at AS "clickedAt" FROM "live_classes"."join_clicks" WHERE user_id = $1 ORDER BY clicked_at`,
    questions: `SELECT id, class_id AS "classId", text, votes, answered, answer_text AS "answer", created_at AS "createdAt" FROM "live_classes"."questions" WHERE asker_id = $1 ORDER BY created_at`,
    questionVotes: `SELECT question_id AS "questionId", created_at AS "createdAt" FROM "live_classes"."question_votes" WHERE voter_id = $1`,
    attendanceResults: `SELECT class_id AS "classId", minutes_attended AS "minutesAttended", attended_ratio AS "attendedRatio", score, first_joined_at AS "firstJoinedAt", computed_at AS "computedAt"
      FROM "live_classes"."attendance_results" WHERE student_id = $1`,
    calendarFeed: `SELECT created_at AS "createdAt" FROM "live_classes"."calendar_tokens" WHERE user_id = $1`,
  };

  async erase(userId: string, db: EntityManager): Promise<Record<string, number>> {
    const presenceDeidentified = await affected(
      db,
      `UPDATE "live_classes"."presence_events" e SET display_name = NULL, email = NULL
        WHERE (e.user_id = $1 OR lower(e.email) = (SELECT lower(email) FROM "live_classes"."users" WHERE id = $1))
          AND (e.display_name IS NOT NULL OR e.email IS NOT NULL) RETURNING 1`,
      [userId],
    );
    const votesDeleted = await affected(
      db,
      `WITH gone AS (DELETE FROM "live_classes"."question_votes" WHERE voter_id = $1 RETURNING question_id)
       UPDATE "live_classes"."questions" q SET votes = GREATEST(q.votes - 1, 0) FROM gone WHERE q.id = gone.question_id RETURNING 1`,
      [userId],
    );
    return {
      presenceDeidentified,
      votesDeleted,
      joinClicksDeleted: await affected(db, `DELETE FROM "live_classes"."join_clicks" WHERE user_id = $1 RETURNING 1`, [userId]),
      joinLinksBlanked: await affected(db, `UPDATE "live_classes"."participants" SET join_url = '', registrant_id = NULL WHERE user_id = $1 AND join_url <> '' RETURNING 1`, [userId]),
      questionsRedacted: await affected(db, `UPDATE "live_classes"."questions" SET text = '[erased]' WHERE asker_id = $1 AND text <> '[erased]' RETURNING 1`, [userId]),
      calendarFeedsDeleted: await affected(db, `DELETE FROM "live_classes"."calendar_tokens" WHERE user_id = $1 RETURNING 1`, [userId]),
      profilesDeidentified: await affected(
        db,
        `UPDATE "live_classes"."users" SET email = 'erased-' || id || '@erased.invalid', first_name = 'Deleted', last_name = 'user', date_of_birth = NULL, active = false, updated_at = now()
          WHERE id = $1 AND email <> 'erased-' || id || '@erased.invalid' RETURNING 1`,
        [userId],
      ),
    };
  }
}
