import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { EventContract } from '../contracts/event-contract';
import { currentCorrelationId } from '../context/request-context';
import { OutboxEventEntity } from './outbox-event.entity';

export function outboxChannel(schema: string): string {
  return `outbox_${schema}`;
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
  const parsed = event.schema.safeParse(payload);
  if (!parsed.success) {
    throw new Error(`Event ${event.subject} payload does not match its contract: ${parsed.error.message}`);
  }
  const id = options.id ?? randomUUID();
  const schema = (manager.connection.options as { schema?: string }).schema ?? 'public';
  const table = manager.connection.getMetadata(OutboxEventEntity).tablePath;
  // One round trip: the row and its NOTIFY (delivered on commit) in a single statement, on every hot path.
  await manager.query(
    `INSERT INTO ${table} ("id", "subject", "payload", "correlation_id") VALUES ($1, $2, $3, $4) RETURNING pg_notify($5, $1::text)`,
    [id, event.subject, JSON.stringify(parsed.data), currentCorrelationId(), outboxChannel(schema)],
  );
  return id;
}
