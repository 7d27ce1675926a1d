import { randomUUID } from 'node:crypto';
import { runWithContext } from '../src/context/request-context';
import { inTransaction } from '../src/db/transaction';
import { listDeadLetters } from '../src/events/dead-letter.repository';
import type { DeliveryOutcome } from '../src/events/event-delivery';
import { EventConsumerHost } from '../src/events/event-consumer-host';
import { eventStreamName } from '../src/events/event-stream';
import { enqueueEvent } from '../src/events/outbox';
import { correlationHeaders, withPrefix } from '../src/nats/nats-connection';
import { bootTestService, type TestService } from '../src/testing/boot-test-service';
import {
  buildPlatformTestModule,
  doomedEvent,
  sleep,
  TEST_SCHEMA,
  TestEventHandlers,
  testConfigShape,
  testEntities,
  testMigrations,
  thingHappened,
  waitFor,
} from './support/platform-test.module';

type Config = Parameters<typeof buildPlatformTestModule>[0];

describe('dead letters', () => {
  let service: TestService<Config>;
  const outcomes: { consumer: string; outcome: DeliveryOutcome }[] = [];

  beforeAll(async () => {
    service = await bootTestService({
      schema: TEST_SCHEMA,
      entities: testEntities,
      migrations: testMigrations,
      configShape: testConfigShape,
      buildModule: (config) => buildPlatformTestModule(config),
    });
    service.app.get(EventConsumerHost).onOutcome((consumer, outcome) => outcomes.push({ consumer, outcome }));
  });

  afterAll(async () => {
    await service?.close();
  });

  const deadLettersFor = async (eventId: string) =>
    (await service.db.dataSource.query(
      `SELECT consumer, subject, reason, deliveries, envelope FROM "${TEST_SCHEMA}"."dead_letters" WHERE event_id = $1`,
      [eventId],
    )) as { consumer: string; subject: string; reason: string; deliveries: number; envelope: { payload: unknown } }[];

  it('dead-letters an invalid payload on its first delivery and never retries it', async () => {
    const handlers = service.app.get(TestEventHandlers);
    const callsBefore = handlers.recordCalls;
    const eventId = randomUUID();
    // Straight onto the stream, past enqueueEvent's own validation, as a buggy or hostile producer would.
    const envelope = {
      id: eventId,
      subject: thingHappened.subject,
      occurredAt: new Date().toISOString(),
      producer: 'somebody-else',
      correlationId: 'corr-bad-data',
      payload: { thingId: 'not-a-uuid', note: 42 },
    };
    const js = service.nats.jetstream();
    await js.publish(withPrefix(service.prefix, thingHappened.subject), new TextEncoder().encode(JSON.stringify(envelope)), {
      msgID: eventId,
      headers: correlationHeaders('corr-bad-data'),
    });

    const [letter] = await waitFor(async () => {
      const rows = await deadLettersFor(eventId);
      return rows.length > 0 ? rows : undefined;
    }, 5000, 'the dead letter');
    expect(letter).toMatchObject({ consumer: 'core-record', subject: thingHappened.subject, deliveries: 1 });
    expect(letter!.reason).toMatch(/^Invalid payload/);
    expect(letter!.reason).toContain('thingId');
    expect(letter!.envelope.payload).toEqual(envelope.payload);

    // Longer than the retry base and the ack wait: a retried message would have come back by now.
    await sleep(1500);
    expect(await deadLettersFor(eventId)).toHaveLength(1);
    expect(handlers.recordCalls).toBe(callsBefore);
    const info = await (await service.nats.jetstreamManager()).consumers.info(eventStreamName(service.prefix), 'core-record');
    expect(info.num_ack_pending).toBe(0);
    expect(info.num_redelivered).toBe(0);
  });

  it('retries a failing handler with backoff, then dead-letters it after maxDeliver', async () => {
    const handlers = service.app.get(TestEventHandlers);
    const eventId = await runWithContext({ correlationId: 'corr-doomed' }, () =>
      inTransaction(service.db.dataSource, (manager) => enqueueEvent(manager, doomedEvent, { n: 1 })),
    );
    const startedAt = Date.now();

    const [letter] = await waitFor(async () => {
      const rows = await deadLettersFor(eventId);
      return rows.length > 0 ? rows : undefined;
    }, 8000, 'the dead letter');
    expect(letter).toMatchObject({ consumer: 'core-doomed', subject: doomedEvent.subject, deliveries: 3 });
    expect(letter!.reason).toContain('the doomed handler always fails');
    expect(handlers.doomedCalls).toBe(3);
    // Naks after deliveries 1 and 2 wait 100 ms then 200 ms.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(300);
    expect(outcomes.filter((entry) => entry.consumer === 'core-doomed').map((entry) => entry.outcome)).toEqual([
      'retrying',
      'retrying',
      'dead_lettered',
    ]);

    // Each failed attempt rolled back: no side effect and no inbox row, so a replay would run it again.
    const effects = await service.db.dataSource.query(`SELECT 1 FROM "${TEST_SCHEMA}"."side_effects" WHERE event_id = $1`, [eventId]);
    const inbox = await service.db.dataSource.query(`SELECT 1 FROM "${TEST_SCHEMA}"."inbox" WHERE event_id = $1`, [eventId]);
    expect(effects).toHaveLength(0);
    expect(inbox).toHaveLength(0);

    await sleep(1200);
    expect(handlers.doomedCalls).toBe(3);
  });

  it('lists dead letters newest first, page by page', async () => {
    const all = await listDeadLetters(service.db.dataSource, { limit: 10 });
    expect(all.items.length).toBeGreaterThanOrEqual(2);
    expect(all.nextCursor).toBeNull();
    const times = all.items.map((item) => item.createdAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const first = await listDeadLetters(service.db.dataSource, { limit: 1 });
    expect(first.items.map((item) => item.id)).toEqual([all.items[0]!.id]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await listDeadLetters(service.db.dataSource, { limit: 1, before: first.nextCursor! });
    expect(second.items.map((item) => item.id)).toEqual([all.items[1]!.id]);

    await expect(listDeadLetters(service.db.dataSource, { limit: 1, before: 'garbage' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
