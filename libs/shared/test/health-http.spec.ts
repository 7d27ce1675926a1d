import { connect } from 'nats';
import { DataSource } from 'typeorm';
import { HealthHttpServer } from '../src/health/health-http.server';
import { HealthService } from '../src/health/health.service';
import { eventStreamConfig } from '../src/events/event-stream';
import { resolveEventsSettings } from '../src/events/events-settings';
import { createLogger } from '../src/logging/logger';
import { createTestDatabase, type TestDatabase } from '../src/testing/test-database';
import { testConfig } from '../src/testing/test-config';
import { TEST_SCHEMA, testEntities, testMigrations } from './support/platform-test.module';

// The HTTP probes Kubernetes uses (deploy/k8s): liveness says whether a restart would help, readiness whether
// the service can take work, and shutdown turns readiness off before the connections close.
describe('HealthHttpServer (HEALTH_PORT probes)', () => {
  const logger = createLogger({ service: 'core', level: 'silent' });
  const options = { serviceName: 'core', subjectPrefix: '' };
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ schema: TEST_SCHEMA, entities: testEntities, migrations: testMigrations });
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('answers /livez and /readyz, 404 elsewhere, and stops being ready when shutting down', async () => {
    const nats = await connect({ servers: testConfig.NATS_URL });
    const server = new HealthHttpServer(new HealthService(db.dataSource, nats, options, logger), nats, { HEALTH_PORT: 0 }, logger);
    try {
      await server.onApplicationBootstrap();
      const base = `http://127.0.0.1:${server.port()}`;
      const live = await fetch(`${base}/livez`);
      expect(live.status).toBe(200);
      expect(await live.json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ service: 'core', status: 'ok', checks: { database: { status: 'ok' } } });
      expect((await fetch(`${base}/metrics`)).status).toBe(404);
      expect((await fetch(`${base}/readyz`, { method: 'POST' })).status).toBe(404);

      server.beforeApplicationShutdown();
      const draining = await fetch(`${base}/readyz`);
      expect(draining.status).toBe(503);
      expect(await draining.json()).toMatchObject({ status: 'down', error: 'shutting down' });
      expect((await fetch(`${base}/livez`)).status).toBe(200);
    } finally {
      await server.onApplicationShutdown();
      await nats.close();
    }
  });

  it('is not ready when the database is gone, and not live once NATS is closed for good', async () => {
    const nats = await connect({ servers: testConfig.NATS_URL });
    const unreachable = new DataSource({ type: 'postgres', url: 'postgres://postgres@127.0.0.1:1/none', schema: TEST_SCHEMA, entities: testEntities });
    const server = new HealthHttpServer(new HealthService(unreachable, nats, options, logger), nats, { HEALTH_PORT: 0 }, logger);
    try {
      await server.onApplicationBootstrap();
      const base = `http://127.0.0.1:${server.port()}`;
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { checks: { database: { status: string } } }).checks.database.status).toBe('down');
      // A database outage is no reason to restart the pod.
      expect((await fetch(`${base}/livez`)).status).toBe(200);
      await nats.close();
      expect((await fetch(`${base}/livez`)).status).toBe(503);
    } finally {
      await server.onApplicationShutdown();
      await nats.close().catch(() => undefined);
    }
  });

  it('listens on nothing without HEALTH_PORT', async () => {
    const nats = await connect({ servers: testConfig.NATS_URL });
    const server = new HealthHttpServer(new HealthService(db.dataSource, nats, options, logger), nats, {}, logger);
    await server.onApplicationBootstrap();
    expect(server.port()).toBeUndefined();
    await server.onApplicationShutdown();
    await nats.close();
  });
});

describe('EVENT_STREAM_REPLICAS', () => {
  it('sets the events stream replica count (1 by default, 3 on a NATS cluster)', () => {
    expect(resolveEventsSettings({}).streamReplicas).toBe(1);
    expect(resolveEventsSettings({ EVENT_STREAM_REPLICAS: 3 }).streamReplicas).toBe(3);
    expect(eventStreamConfig('', undefined, { replicas: 3 }).num_replicas).toBe(3);
    expect(eventStreamConfig('').num_replicas).toBe(1);
  });
});
