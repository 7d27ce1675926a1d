/**
 * The cost of the edge: an authenticated REST call through the gateway against the same call made straight to
 * the service, in the same run, on the same seeded core.
 *
 * ours:     GET /api/v1/courses with a Bearer token → gateway (JWT check, rate limits, validation, correlation id,
 *           error filter) → NATS request/reply → core (payload validation, authorization, Postgres) → JSON.
 * baseline: the same `coursesList` RPC called directly over NATS with the same AuthContext (no HTTP, no gateway).
 *
 * Run: npm run bench gateway
 */
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { ANONYMOUS, coreRpc, createLogger, DATA_SOURCE, ensureDevKeys, type AuthContext } from '@tec/shared';
import { bootTestService } from '@tec/shared/testing';
import { buildServiceModule } from '../services/core/src/app.module';
import { coreConfigShape } from '../services/core/src/config';
import { coreEntities } from '../services/core/src/entities';
import { coreMigrations } from '../services/core/src/migrations';
import { seedDemoSchool } from '../services/core/src/seed/seed-demo-school';
import { createGatewayApp } from '../gateway/src/bootstrap';
import { loadGatewayConfig } from '../gateway/src/config';
import { pool, report, summarize } from './lib/stats';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = 8;
const WARMUP = 200;

async function measure(count: number, job: () => Promise<void>) {
  const latencies: number[] = [];
  const start = performance.now();
  await pool(count, CONCURRENCY, async () => {
    const began = performance.now();
    await job();
    latencies.push(performance.now() - began);
  });
  return summarize(latencies, performance.now() - start);
}

async function main(): Promise<void> {
  const keys = ensureDevKeys(mkdtempSync(path.join(tmpdir(), 'tec-bench-keys-')));
  const core = await bootTestService({
    schema: 'core',
    entities: coreEntities,
    migrations: coreMigrations,
    buildModule: buildServiceModule,
    configShape: coreConfigShape,
    env: { JWT_PRIVATE_KEY_FILE: keys.privateKeyFile, JWT_PUBLIC_KEY_FILE: keys.publicKeyFile, MISSING_ASSIGNMENT_SCAN_SECONDS: '0' },
  });
  await seedDemoSchool(core.app.get<DataSource>(DATA_SOURCE));
  const config = loadGatewayConfig({
    LOG_LEVEL: 'silent',
    NATS_URL: core.config.NATS_URL,
    NATS_SUBJECT_PREFIX: core.prefix,
    JWT_PUBLIC_KEY_FILE: keys.publicKeyFile,
    WEB_DIST_DIR: '',
    RATE_LIMIT_PER_IP: '1000000',
    RATE_LIMIT_PER_USER: '1000000',
  });
  const gateway = await createGatewayApp(config, createLogger({ service: 'gateway', level: 'silent' }));
  await gateway.listen(0, '127.0.0.1');
  const { port } = gateway.getHttpServer().address() as { port: number };
  try {
    const tokens = await core.rpc.call(coreRpc.authLogin, { email: 'teacher@tec.example', password: 'demo1234' }, ANONYMOUS);
    const auth: AuthContext = { kind: 'user', userId: tokens.user.id, role: tokens.user.role };
    const url = `http://127.0.0.1:${port}/api/v1/courses`;
    const headers = { authorization: `Bearer ${tokens.accessToken}` };
    const viaGateway = async () => {
      const response = await fetch(url, { headers });
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      await response.json();
    };
    const direct = async () => {
      await core.rpc.call(coreRpc.coursesList, {}, auth);
    };
    await measure(WARMUP, viaGateway);
    await measure(WARMUP, direct);
    const baseline = await measure(REQUESTS, direct);
    const ours = await measure(REQUESTS, viaGateway);
    report({
      name: 'gateway-request',
      description: `${REQUESTS} authenticated "list my courses" calls, ${CONCURRENCY} at a time: through the gateway vs straight RPC`,
      ours,
      baseline,
      throughputRatio: ours.throughputPerSecond / baseline.throughputPerSecond,
    });
  } finally {
    await gateway.close();
    await core.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
