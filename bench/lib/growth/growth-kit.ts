/**
 * What every growth read shares: sequential timing of one real call, the SQL a repository method sends (captured
 * from the repository itself, so the plan is of the statement the service runs), its EXPLAIN (ANALYZE, BUFFERS),
 * the size → p50/p99 table, and the BENCH_JSON line `npm run bench` records.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ChildProcess } from 'node:child_process';
import { healthRpc, RpcClient, type AuthContext, type ServiceName } from '@tec/shared';
import { testConfig, type TestNats } from '@tec/shared/testing';
import type { DataSource } from 'typeorm';
import { productCommand, repoRoot, startProcess, waitUntil } from '../processes';
import { report, summarize, type BenchResult, type Summary } from '../stats';

export const CALLS = Number(process.env.BENCH_GROWTH_CALLS ?? 200);
/** The first size also warms the service process (JIT, pools): half as many calls again, not timed. */
const WARMUP = Math.max(20, Math.round(CALLS / 2));
export const plansDir = path.join(repoRoot, 'bench', 'plans');

export interface Statement {
  sql: string;
  params: unknown[];
}

export interface SizePoint {
  /** The size in the read's unit (messages, students, children). */
  size: number;
  summary: Summary;
}

/** The growth figures added to the BENCH_JSON line (the usual fields stay as every bench has them). */
export interface GrowthResult extends BenchResult {
  growth: { unit: string; sizes: { size: number; count: number; p50: number; p99: number; mean: number }[]; p50Growth: number; plan: string };
}

/** One call at a time (latency, not throughput): a warm-up, then `CALLS` timed calls. */
export async function timeCalls(call: (index: number) => Promise<unknown>): Promise<Summary> {
  for (let index = 0; index < WARMUP; index += 1) await call(index);
  const latencies: number[] = [];
  const began = performance.now();
  for (let index = 0; index < CALLS; index += 1) {
    const start = performance.now();
    await call(index);
    latencies.push(performance.now() - start);
  }
  return summarize(latencies, performance.now() - began);
}

/**
 * The statements a repository method sends, without running them: the method gets a stand-in whose `query`
 * records the SQL and parameters and answers no rows. Pass it where the method takes a DataSource or an
 * EntityManager.
 */
export async function captureStatements(run: (stub: DataSource) => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const stub = {
    query: async (sql: string, params: unknown[] = []) => {
      statements.push({ sql, params });
      return [];
    },
  };
  await run(stub as unknown as DataSource);
  return statements;
}

export async function captureStatement(run: (stub: DataSource) => Promise<unknown>): Promise<Statement> {
  const [first] = await captureStatements(run);
  if (!first) throw new Error('the repository method sent no statement');
  return first;
}

export async function explain(db: DataSource, statement: Statement): Promise<string> {
  const rows = await db.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, statement.params);
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

/** "Execution Time: 0.123 ms" of a plan, for the console summary. */
export function executionMs(plan: string): number {
  const match = /Execution Time: ([\d.]+) ms/.exec(plan);
  return match ? Number(match[1]) : Number.NaN;
}

const grouped = (value: number) => value.toLocaleString('en-US');

/**
 * Collects the plans of one read (one or more statements, each at the sizes it is explained at) and writes them to
 * bench/plans/<file>.
 */
export class PlanBook {
  private readonly statements = new Map<string, { sql: string; plans: string[] }>();

  constructor(
    readonly file: string,
    private readonly title: string,
  ) {}

  /** Runs EXPLAIN (ANALYZE, BUFFERS) of `statement` (named `name` in the file) at the size `label`. */
  async add(db: DataSource, name: string, label: string, statement: Statement): Promise<string> {
    const plan = await explain(db, statement);
    const params = JSON.stringify(statement.params, (_key, value: unknown) => (typeof value === 'string' && value.length > 200 ? `${value.slice(0, 200)}…` : value));
    const entry = this.statements.get(name) ?? { sql: dedent(statement.sql), plans: [] };
    entry.plans.push(`── ${label} ──\nParameters: ${params}\n\n${plan}\n`);
    this.statements.set(name, entry);
    return plan;
  }

  write(): string {
    mkdirSync(plansDir, { recursive: true });
    const target = path.join(plansDir, this.file);
    const body = [...this.statements.entries()].map(([name, entry]) => `════ ${name} ════\n\n${entry.sql}\n\n${entry.plans.join('\n')}`);
    const header = `${this.title}\nEXPLAIN (ANALYZE, BUFFERS) of the statements as the repository code builds them, written by bench/growth.bench.ts (npm run bench growth) on ${new Date().toISOString().slice(0, 10)}.\n`;
    writeFileSync(target, `${header}\n${body.join('\n\n')}`);
    return path.relative(repoRoot, target);
  }
}

function dedent(sql: string): string {
  const lines = sql.replace(/^\n+/, '').trimEnd().split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => line.length - line.trimStart().length));
  return lines.map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length))).join('\n');
}

/**
 * Prints size → p50/p99 and reports the read: ours = the largest size, baseline = the smallest, and the ratio is
 * smallest p50 / largest p50 (1.00 = flat; 0.10 = ten times slower at the largest size).
 */
export function reportGrowth(name: string, description: string, unit: string, points: SizePoint[], plan: string): void {
  const smallest = points[0]!;
  const largest = points[points.length - 1]!;
  console.log(`\n${name} — ${description}`);
  console.log(`  ${unit.padStart(12)}   p50 ms   p99 ms  mean ms   p50 vs smallest`);
  for (const point of points) {
    console.log(
      `  ${grouped(point.size).padStart(12)} ${point.summary.p50.toFixed(2).padStart(8)} ${point.summary.p99.toFixed(2).padStart(8)} ${point.summary.mean.toFixed(2).padStart(8)}   ×${(point.summary.p50 / smallest.summary.p50).toFixed(2)}`,
    );
  }
  const result: GrowthResult = {
    name,
    description: `${description}; ours = ${grouped(largest.size)} ${unit}, baseline = ${grouped(smallest.size)} ${unit}; ratio = p50 at the smallest / p50 at the largest (1 = flat)`,
    ours: largest.summary,
    baseline: smallest.summary,
    throughputRatio: smallest.summary.p50 / largest.summary.p50,
    growth: {
      unit,
      sizes: points.map((point) => ({ size: point.size, count: point.summary.count, p50: point.summary.p50, p99: point.summary.p99, mean: point.summary.mean })),
      p50Growth: largest.summary.p50 / smallest.summary.p50,
      plan,
    },
  };
  report(result);
}

/** A built service (`services/<dir>/dist/main.js`) as its own process on the bench's database and NATS prefix. */
export async function startService(
  service: ServiceName,
  dir: string,
  databaseUrl: string,
  nats: TestNats,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; rpc: RpcClient }> {
  const child = startProcess(service, productCommand(`services/${dir}`), {
    DATABASE_URL: databaseUrl,
    NATS_URL: testConfig.NATS_URL,
    NATS_SUBJECT_PREFIX: nats.prefix,
    ...env,
  });
  const rpc = new RpcClient(nats.nats, nats.prefix, 30_000);
  const bench: AuthContext = { kind: 'service', service: 'bench' };
  await waitUntil(service, async () => (await rpc.call(healthRpc(service), {}, bench)).status === 'ok');
  return { child, rpc };
}

/** VACUUM (ANALYZE) after a bulk fill, as autovacuum would soon do: fresh statistics and visibility map. */
export async function settleTables(db: DataSource, tables: string[]): Promise<void> {
  for (const table of tables) await db.query(`VACUUM (ANALYZE) ${table}`);
}

export function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}
