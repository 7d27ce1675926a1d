import { ANONYMOUS } from '../src/contracts/auth-context';
import { healthRpc } from '../src/contracts/health';
import { runWithContext } from '../src/context/request-context';
import { DomainError } from '../src/errors/domain-error';
import { eventStreamName } from '../src/events/event-stream';
import { CORRELATION_HEADER } from '../src/nats/nats-connection';
import { RpcServer } from '../src/rpc/rpc-server';
import { bootTestService, type TestService } from '../src/testing/boot-test-service';
import { randomUUID } from 'node:crypto';
import type { Subscription } from 'nats';
import { batchPattern } from '../src/contracts/rpc-contract';
import { RpcClient } from '../src/rpc/rpc-client';
import {
  batchEchoRpc,
  buildPlatformTestModule,
  echoRpc,
  emitRpc,
  failRpc,
  missingRpc,
  slowRpc,
  TEST_SCHEMA,
  testConfigShape,
  testEntities,
  testMigrations,
  waitFor,
} from './support/platform-test.module';

type Config = Parameters<typeof buildPlatformTestModule>[0];

async function caught(work: Promise<unknown>): Promise<DomainError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('RPC over NATS', () => {
  let service: TestService<Config>;

  beforeAll(async () => {
    service = await bootTestService({
      schema: TEST_SCHEMA,
      entities: testEntities,
      migrations: testMigrations,
      configShape: testConfigShape,
      buildModule: (config) => buildPlatformTestModule(config),
      env: { RPC_TIMEOUT_MS: '2000' },
    });
  });

  afterAll(async () => {
    await service?.close();
  });

  it('serves every @RpcRoute and the health route under the prefix', () => {
    const routes = service.app.get(RpcServer).routes();
    for (const action of ['echo', 'fail', 'slow', 'emit', 'health', 'batchEcho', 'batchEcho.batch']) {
      expect(routes).toContain(`${service.prefix}.rpc.core.${action}`);
    }
    expect(routes).not.toContain(`${service.prefix}.rpc.core.echo.batch`);
  });

  it('returns the handler result', async () => {
    const reply = await service.rpc.call(echoRpc, { text: 'hello' }, ANONYMOUS);
    expect(reply).toEqual({ text: 'hello', correlationId: expect.any(String) });
  });

  it('brings a DomainError back with the same code, status and details', async () => {
    const error = await caught(service.rpc.call(failRpc, {}, ANONYMOUS));
    expect(error.code).toBe('NOT_ENROLLED');
    expect(error.statusCode).toBe(403);
    expect(error.message).toBe('You are not enrolled in this course');
    expect(error.details).toEqual({ courseId: 'c1' });
  });

  it('rejects an invalid payload with VALIDATION_FAILED and one detail per field', async () => {
    const error = await caught(service.rpc.call(echoRpc, { text: '' }, ANONYMOUS));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.statusCode).toBe(400);
    expect(error.details).toEqual([{ path: 'text', message: expect.any(String) }]);
  });

  it('maps a missing responder to SERVICE_UNAVAILABLE', async () => {
    const error = await caught(service.rpc.call(missingRpc, {}, ANONYMOUS));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.statusCode).toBe(503);
  });

  it('maps a slow handler to SERVICE_TIMEOUT', async () => {
    const error = await caught(service.rpc.call(slowRpc, { ms: 600 }, ANONYMOUS, { timeoutMs: 150 }));
    expect(error.code).toBe('SERVICE_TIMEOUT');
    expect(error.statusCode).toBe(504);
  });

  it('carries the correlation id across RPC, into the outbox, the NATS header and the consumer', async () => {
    const correlationId = 'corr-cross-process-42';
    const echoed = await runWithContext({ correlationId }, () => service.rpc.call(echoRpc, { text: 'x' }, ANONYMOUS));
    expect(echoed.correlationId).toBe(correlationId);

    const { eventId } = await runWithContext({ correlationId }, () => service.rpc.call(emitRpc, { note: 'traced' }, ANONYMOUS));
    const [effect] = await waitFor(async () => {
      const rows = (await service.db.dataSource.query(`SELECT correlation_id FROM "${TEST_SCHEMA}"."side_effects" WHERE event_id = $1`, [
        eventId,
      ])) as { correlation_id: string }[];
      return rows.length > 0 ? rows : undefined;
    }, 5000, 'the consumer side effect');
    expect(effect!.correlation_id).toBe(correlationId);

    const jsm = await service.nats.jetstreamManager();
    const stored = await jsm.streams.getMessage(eventStreamName(service.prefix), {
      last_by_subj: `${service.prefix}.demo.v1.thing_happened`,
    });
    expect(stored.header.get(CORRELATION_HEADER)).toBe(correlationId);
    expect(stored.header.get('Nats-Msg-Id')).toBe(eventId);
    expect(stored.json<{ id: string; correlationId: string; producer: string }>()).toMatchObject({ id: eventId, correlationId, producer: 'core' });
  });

  describe('batched contracts', () => {
    /** Counts the NATS messages on the batch subject and on the single-call subject while `work` runs. */
    async function counting<T>(contract: typeof batchEchoRpc, work: () => Promise<T>): Promise<{ result: T; batches: number; batchSizes: number[]; singles: number }> {
      const batchSizes: number[] = [];
      let singles = 0;
      const subscriptions: Subscription[] = [
        service.nats.subscribe(`${service.prefix}.${batchPattern(contract)}`, {
          callback: (_error, message) => batchSizes.push((message.json<{ items: unknown[] }>()).items.length),
        }),
        service.nats.subscribe(`${service.prefix}.${contract.pattern}`, { callback: () => (singles += 1) }),
      ];
      await service.nats.flush();
      try {
        const result = await work();
        await service.nats.flush();
        return { result, batches: batchSizes.length, batchSizes, singles };
      } finally {
        for (const subscription of subscriptions) subscription.unsubscribe();
      }
    }

    it('sends the calls of one event-loop turn as one request, each caller getting its own reply and context', async () => {
      const users = Array.from({ length: 20 }, () => randomUUID());
      const { result, batchSizes, singles } = await counting(batchEchoRpc, () =>
        Promise.all(
          users.map((userId, index) =>
            runWithContext({ correlationId: `corr-batch-${index}` }, () =>
              service.rpc.call(batchEchoRpc, { text: `t${index}` }, { kind: 'user', userId, role: 'student', sessionId: randomUUID() }),
            ),
          ),
        ),
      );
      expect(batchSizes).toEqual([20]);
      expect(singles).toBe(0);
      result.forEach((reply, index) => expect(reply).toEqual({ text: `t${index}`, correlationId: `corr-batch-${index}`, userId: users[index] }));
    });

    it('answers each item on its own: a refusal or an invalid payload fails only that call', async () => {
      const outcomes = await Promise.allSettled([
        service.rpc.call(batchEchoRpc, { text: 'a' }, ANONYMOUS),
        service.rpc.call(batchEchoRpc, { text: 'b', fail: true }, ANONYMOUS),
        service.rpc.call(batchEchoRpc, { text: '' }, ANONYMOUS),
        service.rpc.call(batchEchoRpc, { text: 'd' }, ANONYMOUS),
      ]);
      expect(outcomes[0]).toMatchObject({ status: 'fulfilled', value: { text: 'a' } });
      expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: { code: 'NOT_ENROLLED', message: 'refused b', details: { text: 'b' } } });
      expect(outcomes[2]).toMatchObject({ status: 'rejected', reason: { code: 'VALIDATION_FAILED' } });
      expect(outcomes[3]).toMatchObject({ status: 'fulfilled', value: { text: 'd' } });
    });

    it('validates every item envelope: a forged AuthContext in a batch is refused for that item only', async () => {
      const subject = `${service.prefix}.${batchPattern(batchEchoRpc)}`;
      const items = [
        { auth: ANONYMOUS, payload: { text: 'ok' } },
        { auth: { kind: 'user', userId: 'not-a-uuid', role: 'superuser' }, payload: { text: 'forged' } },
      ];
      const reply = await service.nats.request(subject, JSON.stringify({ items }), { timeout: 2000 });
      const answer = reply.json<{ items: { ok: boolean; error?: { code: string } }[] }>();
      expect(answer.items[0]).toMatchObject({ ok: true });
      expect(answer.items[1]).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    });

    it('refuses a batch that is not valid as a whole (not JSON, empty, too many items) and answers every caller', async () => {
      const subject = `${service.prefix}.${batchPattern(batchEchoRpc)}`;
      for (const body of ['not json', JSON.stringify({ items: [] }), JSON.stringify({ items: Array.from({ length: 129 }, () => ({ auth: ANONYMOUS, payload: { text: 'x' } })) })]) {
        const reply = await service.nats.request(subject, body, { timeout: 2000 });
        expect(reply.json()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      }
    });

    it('sends a lone call as a plain request', async () => {
      const { result, batches, singles } = await counting(batchEchoRpc, () => service.rpc.call(batchEchoRpc, { text: 'alone' }, ANONYMOUS));
      expect(result.text).toBe('alone');
      expect(batches).toBe(0);
      expect(singles).toBe(1);
    });

    it('splits a burst larger than one batch holds, and loses no call', async () => {
      const { result, batchSizes } = await counting(batchEchoRpc, () =>
        Promise.all(Array.from({ length: 300 }, (_, index) => service.rpc.call(batchEchoRpc, { text: `n${index}` }, ANONYMOUS))),
      );
      expect(result.map((reply) => reply.text)).toEqual(Array.from({ length: 300 }, (_, index) => `n${index}`));
      expect(batchSizes.reduce((sum, size) => sum + size, 0)).toBe(300);
      expect(Math.max(...batchSizes)).toBeLessThanOrEqual(128);
    });

    it('falls back to one request per call when no instance serves batches yet (rolling upgrade)', async () => {
      // echoRpc is served without `.batch`; a client that believes it batched must still get every answer.
      const newerContract = { ...echoRpc, batched: true };
      const client = new RpcClient(service.nats, service.prefix, 2000);
      const replies = await Promise.all(['x', 'y', 'z'].map((text) => client.call(newerContract, { text }, ANONYMOUS)));
      expect(replies.map((reply) => reply.text)).toEqual(['x', 'y', 'z']);
    });

    it('maps a missing service to SERVICE_UNAVAILABLE for every call of a batch', async () => {
      const absent = { ...missingRpc, batched: true };
      const outcomes = await Promise.allSettled([service.rpc.call(absent, {}, ANONYMOUS), service.rpc.call(absent, {}, ANONYMOUS)]);
      for (const outcome of outcomes) expect(outcome).toMatchObject({ status: 'rejected', reason: { code: 'SERVICE_UNAVAILABLE' } });
    });
  });

  it('answers rpc.<service>.health with every dependency checked', async () => {
    const report = await service.rpc.call(healthRpc('core'), {}, ANONYMOUS);
    expect(report).toMatchObject({
      service: 'core',
      status: 'ok',
      checks: {
        database: { status: 'ok', latencyMs: expect.any(Number) },
        nats: { status: 'ok', latencyMs: expect.any(Number) },
        outbox: { status: 'ok', pending: expect.any(Number), oldestAgeMs: expect.any(Number) },
      },
    });
    expect(healthRpc('core').response.safeParse(report).success).toBe(true);
  });
});
