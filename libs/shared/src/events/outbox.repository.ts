import type { DataSource, EntityManager } from 'typeorm';
import { preparedRows } from '../db/prepared';

/** An outbox row as the relay reads it (raw, so the claim can lock with SKIP LOCKED). */
export interface ClaimedOutboxRow {
  id: string;
  subject: string;
  payload: unknown;
  correlation_id: string;
  created_at: Date;
  attempts: number;
  trace_parent: string | null;
}

export interface OutboxLag {
  /** Rows not yet published. */
  pending: number;
  /** Age of the oldest unpublished row, 0 when there is none. */
  oldestAgeMs: number;
}

export function schemaOf(dataSource: DataSource): string {
  const schema = (dataSource.options as { schema?: string }).schema;
  if (!schema) throw new Error('The events runtime needs a DataSource with a schema');
  return schema;
}

function table(dataSource: DataSource, name: 'outbox' | 'inbox' | 'dead_letters'): string {
  return `"${schemaOf(dataSource)}"."${name}"`;
}

/**
 * Locks up to `limit` unpublished rows, oldest first. SKIP LOCKED lets several relay instances share the
 * outbox without waiting on each other; rows still backing off after a failed publish are left out.
 */
export async function claimOutboxBatch(
  manager: EntityManager,
  dataSource: DataSource,
  limit: number,
  excludeIds: string[],
): Promise<ClaimedOutboxRow[]> {
  return preparedRows<ClaimedOutboxRow>(
    manager,
    `SELECT id, subject, payload, correlation_id, created_at, attempts, trace_parent
       FROM ${table(dataSource, 'outbox')}
      WHERE published_at IS NULL AND NOT (id = ANY($2::uuid[]))
      ORDER BY created_at, id
      LIMIT $1
      FOR UPDATE SKIP LOCKED`,
    [limit, excludeIds],
  );
}

export async function markOutboxPublished(manager: EntityManager, dataSource: DataSource, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await preparedRows(
    manager,
    `UPDATE ${table(dataSource, 'outbox')} SET published_at = now(), last_error = NULL WHERE id = ANY($1::uuid[])`,
    [ids],
  );
}

/** The row is locked by the caller's claim, so its `attempts` is exact; returns the new count. */
export async function markOutboxFailed(
  manager: EntityManager,
  dataSource: DataSource,
  row: Pick<ClaimedOutboxRow, 'id' | 'attempts'>,
  error: string,
): Promise<number> {
  await manager.query(`UPDATE ${table(dataSource, 'outbox')} SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [
    row.id,
    error.slice(0, 2000),
  ]);
  return row.attempts + 1;
}

export async function outboxLag(dataSource: DataSource): Promise<OutboxLag> {
  const rows: { pending: number; oldest_age_ms: number | null }[] = await dataSource.query(
    `SELECT count(*)::int AS pending,
            (EXTRACT(EPOCH FROM (now() - min(created_at))) * 1000)::float8 AS oldest_age_ms
       FROM ${table(dataSource, 'outbox')}
      WHERE published_at IS NULL`,
  );
  const row = rows[0];
  return { pending: row?.pending ?? 0, oldestAgeMs: Math.max(0, Math.round(row?.oldest_age_ms ?? 0)) };
}
