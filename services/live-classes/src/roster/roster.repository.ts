import { Injectable } from '@nestjs/common';
import { RosterReadModel, type RosterCourseRow } from '@tec/shared';
import type { EntityManager } from 'typeorm';

export type CourseRow = RosterCourseRow;

/**
 * The platform's roster read model (libs/shared/src/read-models) over the `live_classes` schema, filled by the
 * shared `CoreRosterHandlers`, plus the e-mail lookup that matches Zoom participants to students.
 */
@Injectable()
export class RosterRepository extends RosterReadModel {
  /** Presence matching for participants who joined without a personal link (the teacher's start link, or a shared one). */
  async userIdByEmail(email: string, db: EntityManager = this.dataSource.manager): Promise<string | null> {
    const rows = await db.query<{ id: string }[]>(`SELECT id FROM ${this.table('users')} WHERE lower(email) = lower($1) LIMIT 1`, [email]);
    return rows[0]?.id ?? null;
  }
}
