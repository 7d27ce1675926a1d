import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, type LiveQuestion, returningRows } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';

interface QuestionRow {
  id: string;
  class_id: string;
  text: string;
  asker_id: string;
  asker_first_name: string | null;
  asker_last_name: string | null;
  votes: number;
  voted_by_me: boolean;
  answered: boolean;
  answer_text: string | null;
  answered_by: string | null;
  answerer_first_name: string | null;
  answerer_last_name: string | null;
  answered_at: Date | null;
  created_at: Date;
}

const SELECT = `SELECT q.*, a.first_name AS asker_first_name, a.last_name AS asker_last_name,
    b.first_name AS answerer_first_name, b.last_name AS answerer_last_name,
    EXISTS (SELECT 1 FROM "live_classes"."question_votes" v WHERE v.question_id = q.id AND v.voter_id = $1) AS voted_by_me
  FROM "live_classes"."questions" q
  LEFT JOIN "live_classes"."users" a ON a.id = q.asker_id
  LEFT JOIN "live_classes"."users" b ON b.id = q.answered_by`;

function toQuestion(row: QuestionRow): LiveQuestion {
  return {
    id: row.id,
    classId: row.class_id,
    text: row.text,
    asker: { id: row.asker_id, firstName: row.asker_first_name ?? '', lastName: row.asker_last_name ?? '' },
    votes: row.votes,
    votedByMe: row.voted_by_me,
    answered: row.answered,
    answerText: row.answer_text,
    answeredBy: row.answered_by ? { id: row.answered_by, firstName: row.answerer_first_name ?? '', lastName: row.answerer_last_name ?? '' } : null,
    answeredAt: row.answered_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

/** Q&A. One vote per (question, voter) is the primary key of question_votes; `votes` moves only with a row. */
@Injectable()
export class QuestionsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Sorted by votes, then oldest first; `votedByMe` for the viewer. */
  async listForClass(classId: string, viewerId: string): Promise<LiveQuestion[]> {
    const rows = await this.dataSource.query<QuestionRow[]>(`${SELECT} WHERE q.class_id = $2 ORDER BY q.votes DESC, q.created_at, q.id`, [viewerId, classId]);
    return rows.map(toQuestion);
  }

  async get(questionId: string, viewerId: string, db: EntityManager = this.dataSource.manager): Promise<LiveQuestion | null> {
    const rows = await db.query<QuestionRow[]>(`${SELECT} WHERE q.id = $2`, [viewerId, questionId]);
    return rows[0] ? toQuestion(rows[0]) : null;
  }

  async classOf(questionId: string): Promise<string | null> {
    const rows = await this.dataSource.query<{ class_id: string }[]>(`SELECT class_id FROM "live_classes"."questions" WHERE id = $1`, [questionId]);
    return rows[0]?.class_id ?? null;
  }

  async insert(id: string, classId: string, askerId: string, text: string, db: EntityManager): Promise<void> {
    await db.query(`INSERT INTO "live_classes"."questions" (id, class_id, asker_id, text) VALUES ($1, $2, $3, $4)`, [id, classId, askerId, text]);
  }

  /** True when this was the voter's first vote on the question. */
  async addVote(questionId: string, voterId: string, db: EntityManager): Promise<boolean> {
    const inserted = returningRows(
      await db.query(`INSERT INTO "live_classes"."question_votes" (question_id, voter_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING voter_id`, [questionId, voterId]),
    );
    if (inserted.length === 0) return false;
    await db.query(`UPDATE "live_classes"."questions" SET votes = votes + 1 WHERE id = $1`, [questionId]);
    return true;
  }

  async removeVote(questionId: string, voterId: string, db: EntityManager): Promise<boolean> {
    const deleted = returningRows(await db.query(`DELETE FROM "live_classes"."question_votes" WHERE question_id = $1 AND voter_id = $2 RETURNING voter_id`, [questionId, voterId]));
    if (deleted.length === 0) return false;
    await db.query(`UPDATE "live_classes"."questions" SET votes = votes - 1 WHERE id = $1`, [questionId]);
    return true;
  }

  async answer(questionId: string, answeredBy: string, answered: boolean, answerText: string | undefined, db: EntityManager): Promise<void> {
    await db.query(
      `UPDATE "live_classes"."questions" SET answered = $3, answer_text = COALESCE($4, answer_text),
         answered_by = CASE WHEN $3 OR $4::text IS NOT NULL THEN $2::uuid ELSE NULL END,
         answered_at = CASE WHEN $3 THEN COALESCE(answered_at, now()) ELSE NULL END
       WHERE id = $1`,
      [questionId, answeredBy, answered, answerText ?? null],
    );
  }

  /** Questions asked and upvotes given per user in a class (the participation score). */
  async activity(classId: string, db: EntityManager): Promise<Map<string, { asked: number; votes: number }>> {
    const rows = await db.query<{ user_id: string; asked: number; votes: number }[]>(
      `SELECT user_id, sum(asked)::int AS asked, sum(votes)::int AS votes FROM (
         SELECT asker_id AS user_id, 1 AS asked, 0 AS votes FROM "live_classes"."questions" WHERE class_id = $1
         UNION ALL
         SELECT v.voter_id, 0, 1 FROM "live_classes"."question_votes" v JOIN "live_classes"."questions" q ON q.id = v.question_id WHERE q.class_id = $1
       ) activity GROUP BY user_id`,
      [classId],
    );
    return new Map(rows.map((row) => [row.user_id, { asked: row.asked, votes: row.votes }]));
  }
}
