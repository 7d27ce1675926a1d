import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, iso } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { SUPPRESSION_HASH_SQL } from '../data-rights/notifications-data-rights';

function decodeSuppressionCursor(cursor: string | undefined): { at: string; email: string } | null {
  if (!cursor) return null;
  const [at, email] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  return at && email && !Number.isNaN(Date.parse(at)) ? { at, email } : null;
}

export type SuppressionReason = 'hard_bounce' | 'spam_report' | 'unsubscribe' | 'dropped' | 'manual';

interface SuppressionRow {
  email: string;
  reason: SuppressionReason;
  detail: string | null;
  created_at: Date;
}

/** Addresses that get no email (bounced, reported spam, unsubscribed). Keyed by the lower-cased address. */
@Injectable()
export class SuppressionsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async isSuppressed(email: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    // An erased user's suppression is kept as a hash (see data-rights): the address is still refused.
    const rows = await manager.query(`SELECT 1 FROM "notifications"."suppressions" WHERE email IN (lower($1), ${SUPPRESSION_HASH_SQL('$1')})`, [email]);
    return rows.length > 0;
  }

  /** True when the address was newly added (the first bounce reports the dead contact, later ones do not). */
  async add(manager: EntityManager, email: string, reason: SuppressionReason, detail: string | null): Promise<boolean> {
    const rows = await manager.query<{ email: string }[]>(
      `INSERT INTO "notifications"."suppressions" (email, reason, detail) VALUES (lower($1), $2, $3) ON CONFLICT (email) DO NOTHING RETURNING email`,
      [email, reason, detail],
    );
    return rows.length > 0;
  }

  async remove(email: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`DELETE FROM "notifications"."suppressions" WHERE email = lower($1) RETURNING email`, [email]);
    const deleted = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows;
    return deleted.length > 0;
  }

  async page(search: string | undefined, cursor: string | undefined, limit: number) {
    const after = decodeSuppressionCursor(cursor);
    const rows = await this.dataSource.query<SuppressionRow[]>(
      `SELECT * FROM "notifications"."suppressions"
       WHERE ($1::text IS NULL OR email ILIKE '%' || $1 || '%')
         AND ($2::timestamptz IS NULL OR (created_at, email) < ($2, $3))
       ORDER BY created_at DESC, email DESC LIMIT $4`,
      [search || null, after?.at ?? null, after?.email ?? null, limit + 1],
    );
    const items = rows.slice(0, limit).map((row) => ({ email: row.email, reason: row.reason, detail: row.detail, createdAt: iso(row.created_at) }));
    const last = rows.length > limit ? items[items.length - 1] : undefined;
    return { items, nextCursor: last ? Buffer.from(`${last.createdAt}|${last.email}`).toString('base64url') : null };
  }

  /** People whose address is suppressed for a delivery reason, guardians first: admins chase these up. */
  async deadContacts() {
    const rows = await this.dataSource.query<{ id: string; first_name: string; last_name: string; email: string; role: string; reason: SuppressionReason; detail: string | null; created_at: Date }[]>(
      `SELECT u.id, u.first_name, u.last_name, u.email, u.role, s.reason, s.detail, s.created_at
       FROM "notifications"."suppressions" s JOIN "notifications"."users" u ON lower(u.email) = s.email
       WHERE s.reason IN ('hard_bounce', 'dropped', 'spam_report') AND u.active
       ORDER BY (u.role = 'parent') DESC, s.created_at DESC LIMIT 500`,
    );
    return rows.map((row) => ({
      userId: row.id,
      name: `${row.first_name} ${row.last_name}`,
      email: row.email,
      role: row.role,
      reason: row.reason,
      detail: row.detail,
      since: iso(row.created_at),
    }));
  }
}
