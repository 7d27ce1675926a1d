import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, notErasedSql, type UserProfile } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';

export interface Recipient {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  role: string;
  timezone: string;
  locale: string;
  active: boolean;
}

interface RecipientRow {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  role: string;
  timezone: string;
  locale: string;
  active: boolean;
}

const toRecipient = (row: RecipientRow): Recipient => ({
  id: row.id,
  email: row.email,
  firstName: row.first_name,
  lastName: row.last_name,
  role: row.role,
  timezone: row.timezone,
  locale: row.locale,
  active: row.active,
});

/** The users read model, filled from core.v1.user_created / user_updated (and from profiles inside other events). */
@Injectable()
export class RecipientsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** The account's state after a user event: the newest event wins. */
  async upsert(manager: EntityManager, user: UserProfile, active: boolean): Promise<void> {
    await manager.query(
      `INSERT INTO "notifications"."users" (id, email, first_name, last_name, role, timezone, locale, date_of_birth, active, updated_at)
       VALUES ($1, lower($2), $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
         role = EXCLUDED.role, timezone = EXCLUDED.timezone, locale = EXCLUDED.locale, date_of_birth = EXCLUDED.date_of_birth,
         active = EXCLUDED.active, updated_at = now()
       WHERE ${notErasedSql('"notifications"."users"')}`,
      [user.id, user.email, user.firstName, user.lastName, user.role, user.timezone, user.locale, user.dateOfBirth, active],
    );
  }

  /** A profile carried inside another event: only fills a gap, never overrides a newer user event. */
  async ensure(manager: EntityManager, user: UserProfile): Promise<Recipient> {
    await manager.query(
      `INSERT INTO "notifications"."users" (id, email, first_name, last_name, role, timezone, locale, date_of_birth)
       VALUES ($1, lower($2), $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
      [user.id, user.email, user.firstName, user.lastName, user.role, user.timezone, user.locale, user.dateOfBirth],
    );
    return (await this.findById(user.id, manager))!;
  }

  async findById(userId: string, manager: EntityManager = this.dataSource.manager): Promise<Recipient | null> {
    const rows = await manager.query<RecipientRow[]>(`SELECT * FROM "notifications"."users" WHERE id = $1`, [userId]);
    return rows[0] ? toRecipient(rows[0]) : null;
  }

  async findByEmail(email: string, manager: EntityManager = this.dataSource.manager): Promise<Recipient | null> {
    const rows = await manager.query<RecipientRow[]>(
      `SELECT * FROM "notifications"."users" WHERE lower(email) = lower($1) ORDER BY active DESC, updated_at DESC LIMIT 1`,
      [email],
    );
    return rows[0] ? toRecipient(rows[0]) : null;
  }

  async activeAdmins(manager: EntityManager = this.dataSource.manager): Promise<Recipient[]> {
    const rows = await manager.query<RecipientRow[]>(`SELECT * FROM "notifications"."users" WHERE role = 'admin' AND active ORDER BY id`);
    return rows.map(toRecipient);
  }
}
