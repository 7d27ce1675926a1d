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
import { performance } from 'node:perf_hooks';
import { ANONYMOUS, coreRpc, type AuthContext } from '@tec/shared';
import { startStack } from '../gateway/test/harness';
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
  // The same real core + real gateway the end-to-end tests use, with the limits out of the way.
  const stack = await startStack({ env: { RATE_LIMIT_PER_IP: '1000000', RATE_LIMIT_PER_USER: '1000000' } });
  const core = stack.core;
  const port = new URL(stack.url).port;
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
    await stack.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
