/**
 * A class rush at scale: 2,000 students check in to one session as fast as the machine allows.
 *
 * ours:     POST /api/v1/attendance/check-in with a Bearer token → gateway (JWT, rate limits, validation) → NATS
 *           request/reply → attendance (token HMAC + window, enrollment, device claim, record upsert, audit row,
 *           counters, outbox event, push to the teacher's room) → JSON.
 * baseline: a minimal HTTP server doing the same validation (JWT, token HMAC + window, enrollment) and an
 *           INSERT … ON CONFLICT DO NOTHING straight into Postgres: no audit, counters, events or pushes.
 *
 * As in production, the gateway, the attendance service and the baseline server each run in their own process
 * (built `dist/`); this process is only the client. Both sides must leave exactly 2,000 records (none lost, none
 * duplicated). Run: npm run bench attendance
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { attendanceRpc, ensureDevKeys, healthRpc, RpcClient, signAccessToken, type AuthContext, type UserProfile } from '@tec/shared';
import { buildUser, coreEventFactory, createTestDatabase, createTestNats, testConfig } from '@tec/shared/testing';
import { attendanceEntities } from '../services/attendance/src/entities';
import { attendanceMigrations } from '../services/attendance/src/migrations';
import { cpuPerOperation, describeCpu, productGroups, snapshot, type CpuShare } from './lib/cpu';
import { freePort, productCommand, startProcess, stopProcess, waitUntil } from './lib/processes';
import { pool, report, summarize } from './lib/stats';

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 300);
const QR_KEY = 'bench-attendance-qr-secret-0123456789abcdef';

async function main(): Promise<void> {
  const keys = ensureDevKeys(mkdtempSync(path.join(tmpdir(), 'tec-bench-keys-')));
  const nats = await createTestNats();
  const database = await createTestDatabase({ schema: 'attendance', entities: attendanceEntities, migrations: attendanceMigrations });
  const db = database.dataSource;
  const rpc = new RpcClient(nats.nats, nats.prefix, 15_000);
  const children = [];
  try {
    const attendance = startProcess('attendance', productCommand('services/attendance'), {
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '20',
      NATS_URL: testConfig.NATS_URL,
      NATS_SUBJECT_PREFIX: nats.prefix,
      ATTENDANCE_JOB_INTERVAL_SECONDS: '0',
      ATTENDANCE_QR_SECRET: QR_KEY,
      ATTENDANCE_EVIDENCE_DIR: mkdtempSync(path.join(tmpdir(), 'tec-bench-evidence-')),
    });
    children.push(attendance);
    const service: AuthContext = { kind: 'service', service: 'bench' };
    await waitUntil('attendance', async () => (await rpc.call(healthRpc('attendance'), {}, service)).status === 'ok');

    const gatewayPort = await freePort();
    const gateway = startProcess('gateway', productCommand('gateway'), {
      PORT: String(gatewayPort),
      HOST: '127.0.0.1',
      NATS_URL: testConfig.NATS_URL,
      NATS_SUBJECT_PREFIX: nats.prefix,
      JWT_PUBLIC_KEY_FILE: keys.publicKeyFile,
      WEB_DIST_DIR: '',
      GATEWAY_SERVICES: 'attendance',
      RATE_LIMIT_PER_IP: '10000000',
      RATE_LIMIT_PER_USER: '10000000',
    });
    children.push(gateway);
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    await waitUntil('gateway', async () => (await fetch(`${gatewayUrl}/api/v1/health`)).status === 200);

    // 2,000 students arrive as core would announce them (no argon2 accounts needed).
    const core = coreEventFactory(nats.nats, nats.prefix);
    const teacher = await core.teacher();
    const course = await core.course({ teachers: [teacher] });
    const students = Array.from({ length: STUDENTS }, () => buildUser('student'));
    await pool(students.length, 32, async (index) => void (await core.enrollment(students[index]!, course)));
    await waitUntil(
      'the roster read model',
      async () => {
        const [row] = await db.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM "attendance"."enrollments" WHERE course_id = $1 AND active`, [course.id]);
        return row!.count === STUDENTS;
      },
      120_000,
    );
    const privateKey = readFileSync(keys.privateKeyFile, 'utf8');
    const mint = async (user: Pick<UserProfile, 'id' | 'role'>) =>
      (await signAccessToken({ userId: user.id, role: user.role, sessionId: randomUUID(), privateKey, issuer: 'tec-lms-core', audience: 'tec-lms', ttlSeconds: 3600 })).token;
    const tokens = await Promise.all(students.map(mint));
    const teacherAuth: AuthContext = { kind: 'user', userId: teacher.id, role: 'teacher' };
    const newSession = async () => {
      const startsAt = new Date(Date.now() - 60_000);
      const created = await rpc.call(
        attendanceRpc.sessionsCreate,
        { courseId: course.id, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_000_000).toISOString() },
        teacherAuth,
      );
      return created.items[0]!.id;
    };

    const baselinePort = await freePort();
    const baselineServer = startProcess('baseline', ['-r', './libs/shared/test/support/swc-register.js', 'bench/lib/attendance-baseline-server.ts', JSON.stringify({
      databaseUrl: database.url,
      publicKeyFile: keys.publicKeyFile,
      qrKey: QR_KEY,
      rotationSeconds: 15,
      graceSeconds: 5,
      port: baselinePort,
    })], {});
    children.push(baselineServer);
    await waitUntil('the baseline server', async () => (await fetch(`http://127.0.0.1:${baselinePort}/`, { method: 'POST', body: '{}' })).status === 400);

    const cpuGroups = productGroups({ gateway: gateway.pid, attendance: attendance.pid, baseline: baselineServer.pid });
    const cpu: Record<string, Record<string, CpuShare>> = {};
    const run = async (url: string, sessionId: string, count = STUDENTS, label?: string) => {
      // Like the projector, fetch a fresh QR token as the old one rotates out.
      let qr = (await rpc.call(attendanceRpc.generateQr, { sessionId }, teacherAuth)).token;
      const timer = setInterval(() => {
        void rpc.call(attendanceRpc.generateQr, { sessionId }, teacherAuth).then((reply) => (qr = reply.token));
      }, 2_000);
      const latencies: number[] = [];
      const failures: string[] = [];
      const cpuBefore = snapshot(cpuGroups);
      const began = performance.now();
      await pool(count, CONCURRENCY, async (index) => {
        const start = performance.now();
        const response = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens[index]}`, 'content-type': 'application/json' },
          body: JSON.stringify({ token: qr, deviceId: `bench-device-${index}` }),
        });
        const body = await response.text();
        latencies.push(performance.now() - start);
        if (response.status !== 200) failures.push(`${response.status} ${(JSON.parse(body) as { code?: string }).code ?? ''}`.trim());
      });
      clearInterval(timer);
      const summary = summarize(latencies, performance.now() - began);
      if (label) cpu[label] = cpuPerOperation(cpuBefore, snapshot(cpuGroups), count);
      const [check] = await db.query<{ records: number; distinct: number }[]>(
        `SELECT count(*)::int AS records, count(DISTINCT student_id)::int AS distinct FROM "attendance"."records" WHERE session_id = $1`,
        [sessionId],
      );
      if (failures.length || check!.records !== count || check!.distinct !== count) {
        throw new Error(`${url}: ${failures.length} failed (${[...new Set(failures)].join(',')}), ${check!.records} records, ${check!.distinct} distinct students`);
      }
      return summary;
    };

    // Warm both servers (JIT, connection pools) with a smaller class first, as a school's servers are warm
    // before the first bell; only the second, full-size run is measured.
    await run(`http://127.0.0.1:${baselinePort}/check-in`, await newSession(), WARMUP);
    await run(`${gatewayUrl}/api/v1/attendance/check-in`, await newSession(), WARMUP);
    const baseline = await run(`http://127.0.0.1:${baselinePort}/check-in`, await newSession(), STUDENTS, 'baseline');
    const ours = await run(`${gatewayUrl}/api/v1/attendance/check-in`, await newSession(), STUDENTS, 'ours');
    for (const [label, perCheckIn] of Object.entries(cpu)) console.log(describeCpu(label, perCheckIn, 'check-in'));
    report({
      name: 'attendance-checkin',
      description: `${STUDENTS} students check in to one session, ${CONCURRENCY} at a time, each server in its own process; zero lost, zero duplicated on both sides`,
      ours,
      baseline,
      throughputRatio: ours.throughputPerSecond / baseline.throughputPerSecond,
    });
  } finally {
    for (const child of children.reverse()) await stopProcess(child);
    await database.drop();
    await nats.cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
