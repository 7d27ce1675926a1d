import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, ERASURE_SERVICES, queryRows, type UserErasure } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';

interface ErasureRow {
  id: string;
  userId: string;
  requestedBy: string;
  reason: string;
  requestedAt: Date;
  completedAt: Date | null;
  services: { service: UserErasure['services'][number]['service']; completedAt: string | null; summary: Record<string, number> }[];
}

const ERASURE_SELECT = `SELECT r.id, r.user_id AS "userId", r.actor_id AS "requestedBy", r.reason, r.requested_at AS "requestedAt", r.completed_at AS "completedAt",
  (SELECT json_agg(json_build_object('service', s.service, 'completedAt', s.completed_at, 'summary', s.summary) ORDER BY s.service)
     FROM "core"."erasure_services" s WHERE s.request_id = r.id) AS services
  FROM "core"."data_rights_requests" r`;

function toErasure(row: ErasureRow): UserErasure {
  return {
    id: row.id,
    userId: row.userId,
    requestedBy: row.requestedBy,
    reason: row.reason,
    requestedAt: row.requestedAt.toISOString(),
    status: row.completedAt ? 'completed' : 'pending',
    completedAt: row.completedAt?.toISOString() ?? null,
    services: (row.services ?? []).map((s) => ({
      service: s.service,
      status: s.completedAt ? 'done' : 'pending',
      completedAt: s.completedAt ? new Date(s.completedAt).toISOString() : null,
      summary: s.summary,
    })),
  };
}

/** The kept audit trail of exports and erasures, keyed by the user they are about. */
@Injectable()
export class DataRightsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async recordExport(userId: string, actorId: string): Promise<{ id: string; requestedAt: Date }> {
    const [row] = await queryRows<{ id: string; requestedAt: Date }>(
      this.dataSource,
      `INSERT INTO "core"."data_rights_requests" (kind, user_id, actor_id, completed_at) VALUES ('export', $1, $2, now()) RETURNING id, requested_at AS "requestedAt"`,
      [userId, actorId],
    );
    return row!;
  }

  /** Inserts the erasure request with one pending row per service; null when the user already has one. */
  async insertErasure(userId: string, actorId: string, reason: string, db: EntityManager): Promise<string | null> {
    const [row] = await queryRows<{ id: string }>(
      db,
      `INSERT INTO "core"."data_rights_requests" (kind, user_id, actor_id, reason) VALUES ('erasure', $1, $2, $3)
       ON CONFLICT ("user_id") WHERE kind = 'erasure' DO NOTHING RETURNING id`,
      [userId, actorId, reason],
    );
    if (!row) return null;
    await db.query(`INSERT INTO "core"."erasure_services" (request_id, service) SELECT $1, unnest($2::text[])`, [row.id, [...ERASURE_SERVICES]]);
    return row.id;
  }

  /** Marks one service done (first confirmation wins) and completes the request when none is pending. */
  async confirm(erasureId: string, service: string, summary: Record<string, number>, db: EntityManager): Promise<void> {
    // Confirmations arrive concurrently on different consumers: the row lock serializes them per request, so the
    // last one sees every other commit and completes the request (without it each could see the others pending).
    await db.query(`SELECT 1 FROM "core"."data_rights_requests" WHERE id = $1 FOR UPDATE`, [erasureId]);
    await db.query(`UPDATE "core"."erasure_services" SET completed_at = now(), summary = $3 WHERE request_id = $1 AND service = $2 AND completed_at IS NULL`, [
      erasureId,
      service,
      JSON.stringify(summary),
    ]);
    await db.query(
      `UPDATE "core"."data_rights_requests" r SET completed_at = now()
        WHERE r.id = $1 AND r.completed_at IS NULL AND NOT EXISTS (SELECT 1 FROM "core"."erasure_services" s WHERE s.request_id = r.id AND s.completed_at IS NULL)`,
      [erasureId],
    );
  }

  async erasureById(id: string, db: EntityManager = this.dataSource.manager): Promise<UserErasure | null> {
    const [row] = await queryRows<ErasureRow>(db, `${ERASURE_SELECT} WHERE r.id = $1`, [id]);
    return row ? toErasure(row) : null;
  }

  async erasuresForUser(userId: string): Promise<UserErasure[]> {
    const rows = await queryRows<ErasureRow>(this.dataSource, `${ERASURE_SELECT} WHERE r.user_id = $1 AND r.kind = 'erasure' ORDER BY r.requested_at DESC`, [userId]);
    return rows.map(toErasure);
  }

  async erasureIdForUser(userId: string, db: EntityManager): Promise<string | null> {
    const [row] = await queryRows<{ id: string }>(db, `SELECT id FROM "core"."data_rights_requests" WHERE user_id = $1 AND kind = 'erasure'`, [userId]);
    return row?.id ?? null;
  }

  async userExists(userId: string, db: EntityManager = this.dataSource.manager): Promise<boolean> {
    return (await queryRows(db, `SELECT 1 FROM "core"."users" WHERE id = $1`, [userId])).length > 0;
  }
}
