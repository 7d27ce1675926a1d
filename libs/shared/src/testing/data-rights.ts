import { randomUUID } from 'node:crypto';
import { coreEvents } from '../contracts/core/events.contracts';
import { ensureEventStream } from '../events/event-stream';
import type { TestService } from './boot-test-service';
import { publishTestEvent } from './core-event-factory';
import { waitFor } from './assertions';

/**
 * Publishes `core.v1.user_erasure_requested` for `userId` (as core would) and waits for the service's
 * `<domain>.v1.user_erased` confirmation in its outbox; returns the confirmation's summary. Pass `eventId` to
 * simulate a redelivery of the same event.
 */
export async function requestTestErasure(
  service: TestService<unknown>,
  schema: string,
  userId: string,
  options: { erasureId?: string; eventId?: string } = {},
): Promise<{ erasureId: string; eventId: string; summary: Record<string, number> }> {
  await ensureEventStream(service.nats, service.prefix);
  const erasureId = options.erasureId ?? randomUUID();
  const eventId = await publishTestEvent(service.nats, service.prefix, coreEvents.userErasureRequested, { erasureId, userId, requestedAt: new Date().toISOString() }, { id: options.eventId, producer: 'core' });
  const [row] = await waitFor(
    async () => {
      const rows = (await service.db.dataSource.query(`SELECT payload FROM "${schema}"."outbox" WHERE subject LIKE '%.v1.user_erased' AND payload->>'erasureId' = $1`, [erasureId])) as { payload: { summary: Record<string, number> } }[];
      return rows.length ? rows : null;
    },
    20_000,
    `${schema} to confirm the erasure`,
  );
  return { erasureId, eventId, summary: row!.payload.summary };
}

/** Waits until the service's erasure consumer recorded `eventId` in its inbox (a redelivery is then skipped). */
export async function erasureInboxCount(service: TestService<unknown>, schema: string, eventId: string): Promise<number> {
  const rows = (await service.db.dataSource.query(`SELECT count(*)::int AS n FROM "${schema}"."inbox" WHERE event_id = $1`, [eventId])) as { n: number }[];
  return rows[0]!.n;
}
