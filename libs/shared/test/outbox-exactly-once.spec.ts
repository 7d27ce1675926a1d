import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { runWithContext } from '../src/context/request-context';
import { inTransaction } from '../src/db/transaction';
import { eventStreamName } from '../src/events/event-stream';
import type { EventConsumerHooks } from '../src/events/events-settings';
import { enqueueEvent } from '../src/events/outbox';
import { OutboxRelay } from '../src/events/outbox-relay';
import { bootTestService, type TestService } from '../src/testing/boot-test-service';
import {
  buildPlatformTestModule,
  TEST_SCHEMA,
  testConfigShape,
  testEntities,
  testMigrations,
  thingHappened,
  waitFor,
} from './support/platform-test.module';

type Config = Parameters<typeof buildPlatformTestModule>[0];
type Seen = Parameters<NonNullable<EventConsumerHooks['beforeAck']>>[0];

describe('outbox → JetStream → consumer, exactly once', () => {
  let service: TestService<Config>;
  const firstInstanceSeen: Seen[] = [];
  let crashOn: string | null = null;

  beforeAll(async () => {
    service = await bootTestService({
      schema: TEST_SCHEMA,
      entities: testEntities,
      migrations: testMigrations,
      configShape: testConfigShape,
      buildModule: (config) =>
        buildPlatformTestModule(config, {
          hooks: {
            beforeAck: (event) => {
              firstInstanceSeen.push(event);
              // The process "dies" after its commit and before its ack.
              if (event.eventId === crashOn) throw new Error('simulated crash before ack');
            },
          },
        }),
    });
  });

  afterAll(async () => {
    await service?.close();
  });

  const sideEffects = async (eventId: string) =>
    (await service.db.dataSource.query(`SELECT note, correlation_id FROM "${TEST_SCHEMA}"."side_effects" WHERE event_id = $1`, [eventId])) as {
      note: string;
      correlation_id: string;
    }[];
  const outboxRow = async (id: string) =>
    ((await service.db.dataSource.query(`SELECT published_at, attempts, last_error FROM "${TEST_SCHEMA}"."outbox" WHERE id = $1`, [id])) as {
      published_at: Date | null;
      attempts: number;
      last_error: string | null;
    }[])[0];

  it('publishes twice, crashes before the ack, restarts, and still has one side effect', async () => {
    const relay = service.app.get(OutboxRelay);
    const jsm = await service.nats.jetstreamManager();
    const stream = eventStreamName(service.prefix);
    const eventId = randomUUID();
    crashOn = eventId;

    await runWithContext({ correlationId: 'corr-exactly-once' }, () =>
      inTransaction(service.db.dataSource, (manager) =>
        enqueueEvent(manager, thingHappened, { thingId: randomUUID(), note: 'once' }, { id: eventId }),
      ),
    );
    await waitFor(async () => (await outboxRow(eventId))?.published_at, 5000, 'the relay to publish');
    const messagesAfterFirst = (await jsm.streams.info(stream)).state.messages;

    // Force a second publish of the same row: the stream must drop it by Nats-Msg-Id.
    const duplicatesBefore = relay.stats().duplicates;
    await service.db.dataSource.query(`UPDATE "${TEST_SCHEMA}"."outbox" SET published_at = NULL WHERE id = $1`, [eventId]);
    await relay.publishPending();
    expect((await outboxRow(eventId))?.published_at).not.toBeNull();
    expect(relay.stats().duplicates).toBe(duplicatesBefore + 1);
    expect((await jsm.streams.info(stream)).state.messages).toBe(messagesAfterFirst);

    // The first instance committed its side effect, then "crashed" before acking.
    await waitFor(() => firstInstanceSeen.find((seen) => seen.eventId === eventId), 5000, 'the first delivery');
    expect(await sideEffects(eventId)).toHaveLength(1);
    await service.app.close();

    // A new instance of the service on the same database and prefix gets the redelivery after the ack wait.
    const restartedSeen: Seen[] = [];
    const restarted: INestApplicationContext = await NestFactory.createApplicationContext(
      buildPlatformTestModule(service.config, { hooks: { beforeAck: (event) => void restartedSeen.push(event) } }),
      { logger: false, abortOnError: false },
    );
    service.app = restarted;
    const redelivery = await waitFor(() => restartedSeen.find((seen) => seen.eventId === eventId), 8000, 'the redelivery');

    expect(redelivery).toMatchObject({ consumer: 'core-record', deliveryCount: 2, handled: false });
    expect(await sideEffects(eventId)).toEqual([{ note: 'once', correlation_id: 'corr-exactly-once' }]);
    const inbox = await service.db.dataSource.query(`SELECT consumer FROM "${TEST_SCHEMA}"."inbox" WHERE event_id = $1`, [eventId]);
    expect(inbox).toEqual([{ consumer: 'core-record' }]);

    // Acked now: nothing is pending or redelivered any more.
    await waitFor(async () => {
      const info = await jsm.consumers.info(stream, 'core-record');
      return info.num_ack_pending === 0 && info.num_pending === 0;
    }, 5000, 'the consumer to settle');
  });

  it('backs off a row whose publish fails and keeps publishing the rows behind it', async () => {
    const relay = service.app.get(OutboxRelay);
    const stuckId = randomUUID();
    // No stream holds `demo.v3.*`, so this publish can't succeed. It is older than the good row.
    await service.db.dataSource.query(
      `INSERT INTO "${TEST_SCHEMA}"."outbox" (id, subject, payload, correlation_id, created_at) VALUES ($1, 'demo.v3.unroutable', '{}', 'c', now() - interval '1 minute')`,
      [stuckId],
    );
    const goodId = await inTransaction(service.db.dataSource, (manager) =>
      enqueueEvent(manager, thingHappened, { thingId: randomUUID(), note: 'behind a stuck row' }),
    );

    await waitFor(async () => (await outboxRow(goodId))?.published_at, 8000, 'the good row to be published');
    await waitFor(async () => (await sideEffects(goodId)).length === 1, 5000, 'the good row to be consumed');
    const stuck = await waitFor(async () => {
      const row = await outboxRow(stuckId);
      return row && row.attempts >= 2 ? row : undefined;
    }, 5000, 'a retry of the stuck row');
    expect(stuck.published_at).toBeNull();
    expect(stuck.last_error).toEqual(expect.any(String));

    const lag = await relay.lag();
    expect(lag.pending).toBe(1);
    expect(lag.oldestAgeMs).toBeGreaterThanOrEqual(59_000);

    // Backoff: attempts grow far slower than the 200 ms poll would allow without it.
    const attemptsNow = (await outboxRow(stuckId))!.attempts;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await outboxRow(stuckId))!.attempts - attemptsNow).toBeLessThanOrEqual(1);
    await service.db.dataSource.query(`DELETE FROM "${TEST_SCHEMA}"."outbox" WHERE id = $1`, [stuckId]);
    expect((await relay.lag()).pending).toBe(0);
  });
});
