import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { SpanKind } from '@opentelemetry/api';
import { inTransaction } from '../src/db/transaction';
import { EventConsumerHost } from '../src/events/event-consumer-host';
import { enqueueEvent } from '../src/events/outbox';
import { OutboxRelay } from '../src/events/outbox-relay';
import { withPrefix } from '../src/nats/nats-connection';
import { EventsMetrics } from '../src/observability/events-metrics';
import { METRICS, type PlatformMetrics } from '../src/observability/metrics';
import { MetricsHttpServer } from '../src/observability/metrics-http.server';
import { metricSample } from '../src/observability/metrics-text';
import { inSpan } from '../src/observability/tracing';
import { bootTestService, type TestService } from '../src/testing/boot-test-service';
import { ancestors, installInMemoryTracing } from './support/in-memory-tracing';
import {
  buildPlatformTestModule,
  echoRpc,
  emitRpc,
  failRpc,
  TEST_SCHEMA,
  testConfigShape,
  testEntities,
  testMigrations,
  thingHappened,
  waitFor,
} from './support/platform-test.module';

type Config = Parameters<typeof buildPlatformTestModule>[0];
const SERVICE_AUTH = { kind: 'service', service: 'core' } as const;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('observability: metrics and traces of a service', () => {
  let service: TestService<Config>;
  let metricsUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    service = await bootTestService({
      schema: TEST_SCHEMA,
      entities: testEntities,
      migrations: testMigrations,
      configShape: testConfigShape,
      env: { METRICS_PORT: String(port) },
      buildModule: (config) => buildPlatformTestModule(config),
    });
    expect(service.app.get(MetricsHttpServer).port()).toBe(port);
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
    // Consumer info is cached for scrapers; the test wants every scrape fresh.
    service.app.get(EventsMetrics).consumerLagCacheMs = 0;
  });

  afterAll(async () => {
    await service?.close();
  });

  const scrape = async (): Promise<string> => {
    const response = await fetch(metricsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  };

  it('serves /metrics on METRICS_PORT only, with the process defaults and the service label', async () => {
    const text = await scrape();
    expect(metricSample(text, 'process_cpu_user_seconds_total', { service: 'core' })).toBeGreaterThan(0);
    expect(metricSample(text, 'nodejs_eventloop_lag_seconds', { service: 'core' })).toBeDefined();
    expect((await fetch(metricsUrl.replace('/metrics', '/other'))).status).toBe(404);
  });

  it('counts RPC calls, latency and errors by route and error code', async () => {
    for (const text of ['a', 'b', 'c']) await service.rpc.call(echoRpc, { text }, SERVICE_AUTH);
    await expect(service.rpc.call(failRpc, {}, SERVICE_AUTH)).rejects.toMatchObject({ code: 'NOT_ENROLLED' });
    await expect(service.rpc.call(echoRpc, { text: '' }, SERVICE_AUTH)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });

    const text = await scrape();
    expect(metricSample(text, 'tec_rpc_server_requests_total', { service: 'core', route: 'rpc.core.echo', code: 'ok' })).toBe(3);
    expect(metricSample(text, 'tec_rpc_server_requests_total', { route: 'rpc.core.echo', code: 'VALIDATION_FAILED' })).toBe(1);
    expect(metricSample(text, 'tec_rpc_server_errors_total', { route: 'rpc.core.fail', code: 'NOT_ENROLLED' })).toBe(1);
    expect(metricSample(text, 'tec_rpc_server_errors_total', { route: 'rpc.core.echo', code: 'ok' })).toBeUndefined();
    expect(metricSample(text, 'tec_rpc_server_duration_seconds_count', { route: 'rpc.core.echo', code: 'ok' })).toBe(3);
    expect(metricSample(text, 'tec_rpc_server_duration_seconds_bucket', { route: 'rpc.core.echo', code: 'ok', le: '+Inf' })).toBe(3);
    // Route labels are contract subjects, never the prefixed wire subject.
    expect(text).not.toContain(service.prefix);
  });

  it('reports outbox lag from the table: pending rows and the oldest age, back to 0 once relayed', async () => {
    const relay = service.app.get(OutboxRelay);
    await relay.stop();
    try {
      for (const note of ['lag-1', 'lag-2']) {
        await inTransaction(service.db.dataSource, (manager) => enqueueEvent(manager, thingHappened, { thingId: randomUUID(), note }));
      }
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const text = await scrape();
      expect(metricSample(text, 'tec_outbox_pending', { service: 'core' })).toBe(2);
      expect(metricSample(text, 'tec_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(1);
    } finally {
      relay.start();
    }
    await relay.publishPending();
    const text = await scrape();
    expect(metricSample(text, 'tec_outbox_pending')).toBe(0);
    expect(metricSample(text, 'tec_outbox_oldest_age_seconds')).toBe(0);
    expect(metricSample(text, 'tec_outbox_relay_publishes', { result: 'published' })).toBeGreaterThanOrEqual(2);
    await waitFor(async () => metricSample(await scrape(), 'tec_events_handled_total', { consumer: 'core-record', outcome: 'handled' }) === 2, 10_000, 'both handled');
  });

  it('reports consumer lag from JetStream while a consumer is stopped, and 0 once it caught up', async () => {
    const host = service.app.get(EventConsumerHost);
    await host.stop();
    try {
      await inTransaction(service.db.dataSource, async (manager) => {
        for (const note of ['cl-1', 'cl-2', 'cl-3']) await enqueueEvent(manager, thingHappened, { thingId: randomUUID(), note });
      });
      await service.app.get(OutboxRelay).publishPending();
      const text = await scrape();
      expect(metricSample(text, 'tec_consumer_pending', { consumer: 'core-record' })).toBe(3);
      expect(metricSample(text, 'tec_consumer_ack_pending', { consumer: 'core-record' })).toBe(0);
      expect(metricSample(text, 'tec_consumer_pending', { consumer: 'core-doomed' })).toBe(0);
    } finally {
      await host.start();
    }
    await waitFor(async () => {
      const text = await scrape();
      return metricSample(text, 'tec_consumer_pending', { consumer: 'core-record' }) === 0 && metricSample(text, 'tec_consumer_ack_pending', { consumer: 'core-record' }) === 0;
    }, 10_000, 'the consumer to catch up');
  });

  it('counts dead letters as the table holds them, per consumer', async () => {
    const before = metricSample(await scrape(), 'tec_dead_letters', { consumer: 'core-record' });
    expect(before).toBe(0);
    // A bad payload straight onto the stream is dead-lettered on its first delivery.
    const eventId = randomUUID();
    const envelope = { id: eventId, subject: thingHappened.subject, occurredAt: new Date().toISOString(), producer: 'x', correlationId: 'c', payload: { thingId: 'nope' } };
    await service.nats.jetstream().publish(withPrefix(service.prefix, thingHappened.subject), new TextEncoder().encode(JSON.stringify(envelope)), { msgID: eventId });
    await waitFor(async () => metricSample(await scrape(), 'tec_dead_letters', { consumer: 'core-record' }) === 1, 10_000, 'the dead letter in the metric');
    const [{ count }] = await service.db.dataSource.query(`SELECT count(*)::int AS count FROM "${TEST_SCHEMA}"."dead_letters" WHERE consumer = 'core-record'`);
    expect(count).toBe(1);
    expect(metricSample(await scrape(), 'tec_events_handled_total', { consumer: 'core-record', outcome: 'dead_lettered' })).toBe(1);
  });

  it('stores no trace context while tracing is off (the no-op API)', async () => {
    const { eventId } = await service.rpc.call(emitRpc, { note: 'untraced' }, SERVICE_AUTH);
    const [row] = await service.db.dataSource.query(`SELECT trace_parent FROM "${TEST_SCHEMA}"."outbox" WHERE id = $1`, [eventId]);
    expect(row.trace_parent).toBeNull();
    // Handled before the next test turns tracing on, so its consumer span can't land there.
    await waitFor(async () => (await service.db.dataSource.query(`SELECT 1 FROM "${TEST_SCHEMA}"."inbox" WHERE event_id = $1`, [eventId])).length > 0, 10_000, 'handled');
  });

  it('carries one trace from an RPC caller through the outbox and JetStream to the consumer', async () => {
    const tracing = installInMemoryTracing();
    try {
      let traceId = '';
      const { eventId } = await inSpan('test request', { kind: SpanKind.SERVER }, async (span) => {
        traceId = span.spanContext().traceId;
        return service.rpc.call(emitRpc, { note: 'traced' }, SERVICE_AUTH);
      });
      const [row] = await service.db.dataSource.query(`SELECT trace_parent FROM "${TEST_SCHEMA}"."outbox" WHERE id = $1`, [eventId]);
      expect(row.trace_parent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));

      const consumerSpan = await waitFor(
        () =>
          tracing
            .spans()
            .find((span) => span.kind === SpanKind.CONSUMER && span.attributes['messaging.consumer.group.name'] === 'core-record' && span.attributes['messaging.message.id'] === eventId),
        10_000,
        'the consumer span',
      );
      expect(consumerSpan.spanContext().traceId).toBe(traceId);
      expect(consumerSpan.attributes['tec.delivery_outcome']).toBe('handled');
      const chain = ancestors(consumerSpan, tracing.spans()).map((span) => [span.kind, span.name]);
      expect(chain).toEqual([
        [SpanKind.PRODUCER, `${thingHappened.subject} publish`],
        [SpanKind.SERVER, 'rpc.core.emit'],
        [SpanKind.CLIENT, 'rpc.core.emit'],
        [SpanKind.SERVER, 'test request'],
      ]);
    } finally {
      await tracing.uninstall();
    }
  });

  it('keeps one registry per process (app): series of another service never mix in', () => {
    const metrics = service.app.get<PlatformMetrics>(METRICS);
    expect(metrics.serviceName).toBe('core');
    expect(() => metrics.registerGauge({ name: 'tec_outbox_pending', help: 'again', collect: () => undefined })).toThrow(/already registered/);
  });
});
