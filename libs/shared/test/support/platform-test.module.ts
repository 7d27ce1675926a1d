import { type DynamicModule, Inject, Injectable, Module } from '@nestjs/common';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { z } from 'zod';
import { type ServiceConfig, serviceConfigShape } from '../../src/config/config';
import type { AuthContext } from '../../src/contracts/auth-context';
import { defineEvent, type EventEnvelope } from '../../src/contracts/event-contract';
import { defineRpc } from '../../src/contracts/rpc-contract';
import { currentCorrelationId } from '../../src/context/request-context';
import { inTransaction } from '../../src/db/transaction';
import { DomainError } from '../../src/errors/domain-error';
import { platformEntities } from '../../src/events';
import { EventHandler } from '../../src/events/event-handler.decorator';
import type { EventsSettings } from '../../src/events/events-settings';
import { enqueueEvent } from '../../src/events/outbox';
import { PlatformTables1732400000000 } from '../../src/events/platform-tables.migration';
import { PlatformModule } from '../../src/nest/platform.module';
import { DATA_SOURCE } from '../../src/nest/tokens';
import { RpcRoute } from '../../src/rpc/rpc-route.decorator';

export const TEST_SCHEMA = 'platform_test';

/** A table the test handlers write to, so "exactly once" is checked on a real side effect. */
export class SideEffects1732400000001 implements MigrationInterface {
  name = 'SideEffects1732400000001';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "${TEST_SCHEMA}"."side_effects" (
      "event_id" uuid NOT NULL, "consumer" text NOT NULL, "note" text NOT NULL, "correlation_id" text NOT NULL)`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${TEST_SCHEMA}"."side_effects"`);
  }
}

export const testMigrations = [PlatformTables1732400000000, SideEffects1732400000001];
export const testEntities = platformEntities;
export const testConfigShape = serviceConfigShape;

export const thingHappened = defineEvent('demo.v1.thing_happened', z.object({ thingId: z.uuid(), note: z.string() }), 'A thing happened');
export const doomedEvent = defineEvent('demo.v1.doomed', z.object({ n: z.number() }), 'Its handler always fails');

export const echoRpc = defineRpc('core', 'echo', z.object({ text: z.string().min(1) }), z.object({ text: z.string(), correlationId: z.string() }));
export const failRpc = defineRpc('core', 'fail', z.object({}), z.null());
export const slowRpc = defineRpc('core', 'slow', z.object({ ms: z.number().int() }), z.null());
export const emitRpc = defineRpc('core', 'emit', z.object({ note: z.string() }), z.object({ eventId: z.uuid() }));
export const missingRpc = defineRpc('core', 'nobodyHome', z.object({}), z.null());
/** Batched: concurrent calls travel together on `rpc.core.batchEcho.batch`. `fail` makes the handler refuse. */
export const batchEchoRpc = defineRpc(
  'core',
  'batchEcho',
  z.object({ text: z.string().min(1), fail: z.boolean().optional() }),
  z.object({ text: z.string(), correlationId: z.string(), userId: z.string().nullable() }),
  { batched: true },
);

async function recordSideEffect(manager: EntityManager, envelope: EventEnvelope, consumer: string, note: string): Promise<void> {
  await manager.query(
    `INSERT INTO "${TEST_SCHEMA}"."side_effects" (event_id, consumer, note, correlation_id) VALUES ($1, $2, $3, $4)`,
    [envelope.id, consumer, note, currentCorrelationId()],
  );
}

@Injectable()
export class TestEventHandlers {
  doomedCalls = 0;
  recordCalls = 0;

  @EventHandler(thingHappened, { consumer: 'record' })
  async record(payload: z.output<typeof thingHappened.schema>, context: { manager: EntityManager; envelope: EventEnvelope }): Promise<void> {
    this.recordCalls += 1;
    await recordSideEffect(context.manager, context.envelope, 'record', payload.note);
  }

  @EventHandler(doomedEvent, { consumer: 'doomed', maxDeliver: 3 })
  async doomed(_payload: z.output<typeof doomedEvent.schema>, context: { manager: EntityManager; envelope: EventEnvelope }): Promise<void> {
    this.doomedCalls += 1;
    await recordSideEffect(context.manager, context.envelope, 'doomed', 'must roll back');
    throw new Error('the doomed handler always fails');
  }
}

@Injectable()
export class TestRpcController {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  @RpcRoute(echoRpc)
  echo(payload: { text: string }, _auth: AuthContext) {
    return { text: payload.text, correlationId: currentCorrelationId() };
  }

  @RpcRoute(batchEchoRpc)
  async batchEcho(payload: { text: string; fail?: boolean }, auth: AuthContext) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (payload.fail) throw new DomainError('NOT_ENROLLED', `refused ${payload.text}`, { text: payload.text });
    return { text: payload.text, correlationId: currentCorrelationId(), userId: auth.kind === 'user' ? auth.userId : null };
  }

  @RpcRoute(failRpc)
  fail(): never {
    throw new DomainError('NOT_ENROLLED', 'You are not enrolled in this course', { courseId: 'c1' });
  }

  @RpcRoute(slowRpc)
  async slow(payload: { ms: number }): Promise<null> {
    await new Promise((resolve) => setTimeout(resolve, payload.ms));
    return null;
  }

  @RpcRoute(emitRpc)
  async emit(payload: { note: string }): Promise<{ eventId: string }> {
    const eventId = await inTransaction(this.dataSource, (manager) =>
      enqueueEvent(manager, thingHappened, { thingId: '5f0c6f7e-8a39-4f36-9d55-1f3b0c2f4a10', note: payload.note }),
    );
    return { eventId };
  }
}

/** Short timings so retries, ack waits and polls fit in a test. */
export const FAST_EVENTS: Partial<EventsSettings> = {
  ackWaitMs: 1000,
  retryBaseMs: 100,
  retryMaxMs: 400,
  relayPollIntervalMs: 200,
  relayRetryBaseMs: 300,
  relayRetryMaxMs: 1000,
  publishTimeoutMs: 1000,
};

@Module({})
class PlatformTestModule {}

export function buildPlatformTestModule(config: ServiceConfig, events: Partial<EventsSettings> = {}): DynamicModule {
  return {
    module: PlatformTestModule,
    imports: [
      PlatformModule.forService({
        serviceName: 'core',
        schema: TEST_SCHEMA,
        config,
        entities: testEntities,
        migrations: testMigrations,
        events: { ...FAST_EVENTS, ...events },
        eventDomains: ['demo'],
      }),
    ],
    providers: [TestEventHandlers, TestRpcController],
  };
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
