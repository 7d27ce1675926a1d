import { ANONYMOUS } from '../src/contracts/auth-context';
import { healthRpc } from '../src/contracts/health';
import { runWithContext } from '../src/context/request-context';
import { DomainError } from '../src/errors/domain-error';
import { eventStreamName } from '../src/events/event-stream';
import { CORRELATION_HEADER } from '../src/nats/nats-connection';
import { RpcServer } from '../src/rpc/rpc-server';
import { bootTestService, type TestService } from '../src/testing/boot-test-service';
import {
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
    for (const action of ['echo', 'fail', 'slow', 'emit', 'health']) {
      expect(routes).toContain(`${service.prefix}.rpc.core.${action}`);
    }
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
