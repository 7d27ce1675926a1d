import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { EventContract } from '../contracts/event-contract';
import { currentCorrelationId } from '../context/request-context';
import { currentTraceparent } from '../observability/tracing';
import { OutboxEventEntity } from './outbox-event.entity';

export function outboxChannel(schema: string): string {
  return `outbox_${schema}`;
}

/** An outbox row prepared for a caller that folds its insert into a larger statement (see `outboxInsertManySql`). */
export interface PreparedOutboxRow {
  id: string;
  table: string;
  channel: string;
  /** id, subject, payload JSON, correlation id, NOTIFY channel, traceparent (null when not traced): in this order. */
  params: [string, string, string, string, string, string | null];
}

/**
 * Validates the payload and prepares its outbox row without writing it, for a hot path that writes its change
 * and its event in ONE statement (a data-modifying CTE) instead of a transaction of several round trips.
 */
export function prepareOutboxRow<E extends EventContract>(
  manager: EntityManager,
  event: E,
  payload: z.input<E['schema']>,
  options: { id?: string } = {},
): PreparedOutboxRow {
  const parsed = event.schema.safeParse(payload);
  if (!parsed.success) {
    throw new Error(`Event ${event.subject} payload does not match its contract: ${parsed.error.message}`);
  }
  const id = options.id ?? randomUUID();
  const schema = (manager.connection.options as { schema?: string }).schema ?? 'public';
  const table = manager.connection.getMetadata(OutboxEventEntity).tablePath;
  return {
    id,
    table,
    channel: outboxChannel(schema),
    params: [id, event.subject, JSON.stringify(parsed.data), currentCorrelationId(), outboxChannel(schema), currentTraceparent()],
  };
}

/**
 * The INSERT of several prepared rows as a CTE body, for a statement that writes many changes at once (a group
 * commit). `$n..$n+5` are the values of `outboxInsertManyParams(rows)`; the rows are numbered 1..N in the caller's
 * order as `ord`, and row `ord` is written only when `condition` (SQL over `ord` and earlier CTEs) holds. The SQL
 * text depends only on the outbox table, so it stays fixed for a prepared statement whatever the number of rows.
 * One NOTIFY per statement (identical payloads on a channel are delivered once per transaction): the relay only
 * needs waking, it reads the table.
 */
export function outboxInsertManySql(rows: readonly PreparedOutboxRow[], firstParam: number, condition = 'TRUE'): string {
  const [a, b, c, d, e, f] = [0, 1, 2, 3, 4, 5].map((offset) => `$${firstParam + offset}`);
  return `INSERT INTO ${sharedOf(rows, 'table')} ("id", "subject", "payload", "correlation_id", "trace_parent")
    SELECT o.id, o.subject, o.payload::jsonb, o.correlation_id, o.trace_parent
      FROM unnest(${a}::uuid[], ${b}::text[], ${c}::text[], ${d}::text[], ${e}::text[]) WITH ORDINALITY AS o(id, subject, payload, correlation_id, trace_parent, ord)
     WHERE ${condition}
    RETURNING pg_notify(${f}::text, 'outbox') AS notified`;
}

/** The six values of `outboxInsertManySql`, in its order: ids, subjects, payloads, correlation ids, traceparents, channel. */
export function outboxInsertManyParams(rows: readonly PreparedOutboxRow[]): [string[], string[], string[], string[], (string | null)[], string] {
  return [
    rows.map((row) => row.params[0]),
    rows.map((row) => row.params[1]),
    rows.map((row) => row.params[2]),
    rows.map((row) => row.params[3]),
    rows.map((row) => row.params[5]),
    sharedOf(rows, 'channel'),
  ];
}

/** One statement writes to one outbox: every row must agree on its table and channel. */
function sharedOf(rows: readonly PreparedOutboxRow[], field: 'table' | 'channel'): string {
  const value = rows[0]?.[field];
  if (value === undefined) throw new Error('outbox rows: at least one row is needed');
  if (rows.some((row) => row[field] !== value)) throw new Error(`outbox rows: one statement writes one outbox, got several ${field}s`);
  return value;
}

/**
 * Records an event in the outbox, inside the caller's transaction: it is published if and only if the change
 * commits. The payload is validated against its contract here, so a bad event fails the change that made it.
 * The NOTIFY is delivered on commit and wakes the relay at once.
 */
export async function enqueueEvent<E extends EventContract>(
  manager: EntityManager,
  event: E,
  payload: z.input<E['schema']>,
  options: { id?: string } = {},
): Promise<string> {
  const row = prepareOutboxRow(manager, event, payload, options);
  // One round trip: the row and its NOTIFY (delivered on commit) in a single statement, on every hot path.
  await manager.query(
    `INSERT INTO ${row.table} ("id", "subject", "payload", "correlation_id", "trace_parent") VALUES ($1, $2, $3, $4, $6) RETURNING pg_notify($5, $1::text)`,
    row.params,
  );
  return row.id;
}
