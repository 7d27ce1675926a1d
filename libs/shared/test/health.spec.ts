import { randomUUID } from 'node:crypto';
import { connect } from 'nats';
import { DataSource } from 'typeorm';
import { HealthService } from '../src/health/health.service';
import { createLogger } from '../src/logging/logger';
import { createTestDatabase, type TestDatabase } from '../src/testing/test-database';
import { testConfig } from '../src/testing/test-config';
import { TEST_SCHEMA, testEntities, testMigrations } from './support/platform-test.module';

describe('HealthService', () => {
  const logger = createLogger({ service: 'core', level: 'silent' });
  const options = { serviceName: 'core', subjectPrefix: '' };
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ schema: TEST_SCHEMA, entities: testEntities, migrations: testMigrations });
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('reports ok with latencies, then degraded when an outbox row is stuck', async () => {
    const nats = await connect({ servers: testConfig.NATS_URL });
    try {
      const health = new HealthService(db.dataSource, nats, options, logger);
      const healthy = await health.check();
      expect(healthy.status).toBe('ok');
      expect(healthy.checks.database.latencyMs).toBeGreaterThanOrEqual(0);
      expect(healthy.checks.outbox).toMatchObject({ status: 'ok', pending: 0, oldestAgeMs: 0 });

      await db.dataSource.query(
        `INSERT INTO "${TEST_SCHEMA}"."outbox" (id, subject, payload, correlation_id, created_at) VALUES ($1, 'demo.v1.x', '{}', 'c', now() - interval '5 minutes')`,
        [randomUUID()],
      );
      const lagging = await health.check();
      expect(lagging.status).toBe('degraded');
      expect(lagging.checks.outbox.status).toBe('degraded');
      expect(lagging.checks.outbox.pending).toBe(1);
      expect(lagging.checks.outbox.oldestAgeMs).toBeGreaterThanOrEqual(299_000);
    } finally {
      await nats.close();
    }
  });

  it('reports down, without internal detail, when the database and NATS are gone', async () => {
    const nats = await connect({ servers: testConfig.NATS_URL });
    await nats.close();
    const unreachable = new DataSource({ type: 'postgres', url: 'postgres://postgres@127.0.0.1:1/none', schema: TEST_SCHEMA, entities: testEntities });
    const report = await new HealthService(unreachable, nats, options, logger).check(300);
    expect(report.status).toBe('down');
    expect(report.checks.database).toMatchObject({ status: 'down', error: 'unreachable' });
    expect(report.checks.nats).toMatchObject({ status: 'down', error: 'closed' });
    expect(report.checks.outbox.status).toBe('down');
    expect(JSON.stringify(report)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
  });

  it('times a hanging check out instead of hanging the probe', async () => {
    const nats = await connect({ servers: testConfig.NATS_URL });
    try {
      const slow = new HealthService(
        Object.assign(Object.create(db.dataSource) as DataSource, { query: () => new Promise(() => undefined) }),
        nats,
        options,
        logger,
      );
      const started = Date.now();
      const hung = await slow.check(100);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(hung.checks.database).toMatchObject({ status: 'down', error: 'timed out' });
      expect(hung.status).toBe('down');
    } finally {
      await nats.close();
    }
  });
});
