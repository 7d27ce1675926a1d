import { SpanKind } from '@opentelemetry/api';
import { io, type Socket } from 'socket.io-client';
import { coreEvents, metricSample, publishPush } from '@tec/shared';
import { bootTestService } from '@tec/shared/testing';
import { ancestors, installInMemoryTracing } from '../../libs/shared/test/support/in-memory-tracing';
import { buildServiceModule } from '../../services/notifications/src/app.module';
import { notificationsConfigShape } from '../../services/notifications/src/config';
import { notificationsEntities } from '../../services/notifications/src/entities';
import { notificationsMigrations } from '../../services/notifications/src/migrations';
import { buildAllowList } from '../src/observability/metrics-endpoint';
import { ALLOWED_ORIGIN, http, login, startStack, type Stack } from './harness';

// Spans of every process in this test (gateway, core, notifications) land here, as an OTLP collector would get them.
const tracing = installInMemoryTracing();
const METRICS_TOKEN = 'scrape-token-for-the-e2e-test';
let stack: Stack;
let admin: { accessToken: string; user: { id: string } };
const sockets: Socket[] = [];

async function eventually<T>(probe: () => T | null | undefined | false | Promise<T | null | undefined | false>, label: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  stack = await startStack({
    // Only the documentation network may scrape without the token; the test's loopback is NOT on the list.
    env: { METRICS_ALLOW: '192.0.2.0/24', METRICS_TOKEN },
    services: {
      notifications: ({ nats }) =>
        bootTestService({
          nats,
          schema: 'notifications',
          entities: notificationsEntities,
          migrations: notificationsMigrations,
          configShape: notificationsConfigShape,
          buildModule: (config) => buildServiceModule(config),
          env: { EMAIL_WORKER_POLL_MS: '200', DIGEST_SCAN_SECONDS: '0' },
        }),
    },
  });
  admin = await login(stack, 'admin@tec.example');
}, 180_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await stack?.close();
  await tracing.uninstall();
});

async function scrape(headers: Record<string, string> = { authorization: `Bearer ${METRICS_TOKEN}` }): Promise<string> {
  const response = await fetch(`${stack.url}/metrics`, { headers });
  expect(response.status).toBe(200);
  return response.text();
}

describe('gateway /metrics', () => {
  it('is served only to the allow-listed network or with the bearer token', async () => {
    const anonymous = await fetch(`${stack.url}/metrics`);
    expect(anonymous.status).toBe(403);
    expect(await anonymous.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await fetch(`${stack.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-of-some-length' } })).status).toBe(403);
    // Behind the trusted (loopback) proxy the client is X-Forwarded-For: one on the list gets in, others do not.
    expect((await fetch(`${stack.url}/metrics`, { headers: { 'x-forwarded-for': '192.0.2.7' } })).status).toBe(200);
    expect((await fetch(`${stack.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(403);
    const text = await scrape();
    expect(metricSample(text, 'process_resident_memory_bytes', { service: 'gateway' })).toBeGreaterThan(0);
  });

  it('rejects a malformed allow list at boot', () => {
    expect(() => buildAllowList(['10.0.0.0/8', '::1/128', '192.0.2.1'])).not.toThrow();
    expect(() => buildAllowList(['10.0.0.0/33'])).toThrow(/METRICS_ALLOW/);
    expect(() => buildAllowList(['intranet'])).toThrow(/METRICS_ALLOW/);
  });

  it('counts HTTP requests, latency and errors by route template and status', async () => {
    for (let i = 0; i < 2; i += 1) expect((await http(stack, 'GET', '/api/v1/users', { token: admin.accessToken })).status).toBe(200);
    expect((await http(stack, 'GET', '/api/v1/users/not-a-uuid', { token: admin.accessToken })).status).toBe(400);
    expect((await http(stack, 'GET', '/api/v1/no-such-thing')).status).toBe(404);

    const text = await scrape();
    const users = { service: 'gateway', method: 'GET', route: '/api/v1/users', status: '200' };
    expect(metricSample(text, 'tec_http_requests_total', users)).toBe(2);
    expect(metricSample(text, 'tec_http_request_duration_seconds_count', users)).toBe(2);
    expect(metricSample(text, 'tec_http_request_errors_total', users)).toBeUndefined();
    // The template, never the raw path: one series for every user id.
    expect(metricSample(text, 'tec_http_request_errors_total', { route: '/api/v1/users/:userId', status: '400' })).toBe(1);
    expect(metricSample(text, 'tec_http_request_errors_total', { route: 'unmatched', status: '404' })).toBe(1);
    expect(text).not.toContain('not-a-uuid');
    // The RPCs behind them are counted by core's own registry (its METRICS_PORT), not the gateway's.
    expect(text).not.toContain('tec_rpc_server_requests_total{');
  });

  it('shows connected sockets and relayed pushes', async () => {
    const socket = io(stack.url, { transports: ['websocket'], auth: { token: admin.accessToken }, extraHeaders: { origin: ALLOWED_ORIGIN }, reconnection: false });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('session_ready', () => resolve());
      socket.once('connect_error', reject);
    });
    const before = await scrape();
    expect(metricSample(before, 'tec_socket_connections', { service: 'gateway' })).toBe(1);
    // Other pushes (presence, the user's own events) go through the same relay; count ours as the difference.
    const pushesBefore = metricSample(before, 'tec_socket_pushes_total', { room_kind: 'user' }) ?? 0;

    const received = new Promise((resolve) => socket.once('metrics_probe', resolve));
    publishPush(stack.nats.nats, stack.nats.prefix, { room: { kind: 'user', id: admin.user.id }, event: 'metrics_probe', data: { ok: true } });
    await received;
    expect(metricSample(await scrape(), 'tec_socket_pushes_total', { room_kind: 'user' })).toBeGreaterThanOrEqual(pushesBefore + 1);

    socket.disconnect();
    await eventually(async () => metricSample(await scrape(), 'tec_socket_connections') === 0, 'socket gone from the gauge');
  });
});

describe('tracing across gateway → RPC → service → outbox → JetStream → consumer', () => {
  it("puts the consumer's span in the trace the gateway started for the request", async () => {
    const email = `traced-${Date.now()}@tec.example`;
    const created = await http(stack, 'POST', '/api/v1/users', {
      token: admin.accessToken,
      body: { email, firstName: 'Tracy', lastName: 'Span', role: 'student' },
    });
    expect(created.status).toBe(201);

    const gatewaySpan = await eventually(
      () => tracing.spans().find((span) => span.kind === SpanKind.SERVER && span.name === 'POST /api/v1/users'),
      'the gateway span',
    );
    expect(gatewaySpan.attributes['http.response.status_code']).toBe(201);
    const traceId = gatewaySpan.spanContext().traceId;

    const consumerSpan = await eventually(
      () =>
        tracing
          .spans()
          .find((span) => span.kind === SpanKind.CONSUMER && span.attributes['messaging.consumer.group.name'] === 'notifications-user-created' && span.spanContext().traceId === traceId),
      "notifications' consumer span in the request's trace",
    );
    expect(consumerSpan.name).toBe(`${coreEvents.userCreated.subject} process`);
    expect(consumerSpan.attributes['tec.delivery_outcome']).toBe('handled');
    const chain = ancestors(consumerSpan, tracing.spans());
    expect(chain.map((span) => [span.kind, span.name])).toEqual([
      [SpanKind.PRODUCER, `${coreEvents.userCreated.subject} publish`],
      [SpanKind.SERVER, 'rpc.core.usersCreate'],
      [SpanKind.CLIENT, 'rpc.core.usersCreate'],
      [SpanKind.SERVER, 'POST /api/v1/users'],
    ]);
    expect(chain.at(-1)!.spanContext().spanId).toBe(gatewaySpan.spanContext().spanId);
  });

  it("continues a caller's traceparent", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const reply = await http(stack, 'GET', '/api/v1/users', { token: admin.accessToken, headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
    expect(reply.status).toBe(200);
    const server = await eventually(
      () => tracing.spans().find((span) => span.kind === SpanKind.SERVER && span.name === 'rpc.core.usersList' && span.spanContext().traceId === traceId),
      "core's span in the caller's trace",
    );
    expect(server.attributes['tec.service']).toBe('core');
  });
});
