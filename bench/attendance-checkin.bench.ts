/**
 * A class rush at scale: 2,000 students check in to one session as fast as the machine allows.
 *
 * ours:     POST /api/v1/attendance/check-in with a Bearer token → gateway (JWT, rate limits, validation) → NATS
 *           request/reply → attendance (token HMAC + window, enrollment, device claim, record upsert, audit row,
 *           counters, outbox event, push to the teacher's room) → JSON.
 * baseline: a minimal single-process HTTP server doing the same validation (JWT, token HMAC + window, enrollment)
 *           and an INSERT … ON CONFLICT DO NOTHING straight into Postgres: no audit, counters, events or pushes.
 *
 * Both sides must leave exactly 2,000 records (none lost, none duplicated). Run: npm run bench attendance
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { attendanceRpc, signAccessToken, verifyAccessToken, type UserProfile } from '@tec/shared';
import { bootTestService, buildUser, coreEventFactory } from '@tec/shared/testing';
import { Pool } from 'pg';
import { buildServiceModule } from '../services/attendance/src/app.module';
import { parseToken, verifyToken } from '../services/attendance/src/check-in/qr-token';
import { attendanceConfigShape, type AttendanceConfig } from '../services/attendance/src/config';
import { attendanceEntities } from '../services/attendance/src/entities';
import { attendanceMigrations } from '../services/attendance/src/migrations';
import type { TestService } from '@tec/shared/testing';
import { startStack } from '../gateway/test/harness';
import { pool, report, summarize } from './lib/stats';

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);

async function main(): Promise<void> {
  const stack = await startStack({
    env: { RATE_LIMIT_PER_IP: '10000000', RATE_LIMIT_PER_USER: '10000000' },
    services: {
      attendance: ({ nats }) =>
        bootTestService({
          nats,
          schema: 'attendance',
          entities: attendanceEntities,
          migrations: attendanceMigrations,
          configShape: attendanceConfigShape,
          buildModule: (config) => buildServiceModule(config),
          env: { ATTENDANCE_JOB_INTERVAL_SECONDS: '0', DATABASE_POOL_SIZE: '20', ATTENDANCE_EVIDENCE_DIR: '/tmp/attendance-bench' },
        }),
    },
  });
  const attendance = stack.services.attendance as TestService<AttendanceConfig>;
  const db = attendance.db.dataSource;
  const keys = { privateKey: readFileSync(stack.core.config.JWT_PRIVATE_KEY_FILE, 'utf8'), publicKey: readFileSync(stack.config.JWT_PUBLIC_KEY_FILE, 'utf8') };
  const mint = async (user: Pick<UserProfile, 'id' | 'role'>) =>
    (await signAccessToken({ userId: user.id, role: user.role, sessionId: randomUUID(), privateKey: keys.privateKey, issuer: 'tec-lms-core', audience: 'tec-lms', ttlSeconds: 3600 })).token;
  try {
    // 2,000 students arrive as core would announce them (no argon2 accounts needed).
    const core = coreEventFactory(attendance.nats, attendance.prefix);
    const teacher = await core.teacher();
    const course = await core.course({ teachers: [teacher] });
    const students = Array.from({ length: STUDENTS }, () => buildUser('student'));
    await pool(students.length, 32, async (index) => void (await core.enrollment(students[index]!, course)));
    const started = Date.now();
    for (;;) {
      const [row] = await db.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM "attendance"."enrollments" WHERE course_id = $1 AND active`, [course.id]);
      if (row!.count === STUDENTS) break;
      if (Date.now() - started > 120_000) throw new Error(`read model has ${row!.count} of ${STUDENTS} students`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const tokens = await Promise.all(students.map(mint));
    const teacherAuth = { kind: 'user' as const, userId: teacher.id, role: 'teacher' as const };
    const newSession = async () => {
      const startsAt = new Date(Date.now() - 60_000);
      const created = await attendance.rpc.call(
        attendanceRpc.sessionsCreate,
        { courseId: course.id, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_000_000).toISOString() },
        teacherAuth,
      );
      return created.items[0]!.id;
    };
    // Like the projector, fetch a fresh QR token as the old one rotates out.
    const projector = (sessionId: string) => {
      let current = '';
      const refresh = async () => {
        current = (await attendance.rpc.call(attendanceRpc.generateQr, { sessionId }, teacherAuth)).token;
      };
      return { refresh, token: () => current };
    };

    // --- baseline: one process, same checks, one upsert ---------------------------------------------------------
    const baselineSession = await newSession();
    const pg = new Pool({ connectionString: attendance.db.url, max: 20 });
    const [secretRow] = await db.query<{ qr_secret: Buffer }[]>(`SELECT qr_secret FROM "attendance"."sessions" WHERE id = $1`, [baselineSession]);
    const clock = { rotationSeconds: attendance.config.ATTENDANCE_QR_ROTATION_SECONDS, graceSeconds: attendance.config.ATTENDANCE_QR_GRACE_SECONDS };
    const readBody = (request: IncomingMessage) =>
      new Promise<string>((resolve) => {
        let body = '';
        request.on('data', (chunk) => (body += chunk));
        request.on('end', () => resolve(body));
      });
    const server = createServer(async (request, response) => {
      try {
        const user = await verifyAccessToken((request.headers.authorization ?? '').slice(7), { publicKey: keys.publicKey, issuer: 'tec-lms-core', audience: 'tec-lms' });
        const body = JSON.parse(await readBody(request)) as { token: string; deviceId: string };
        const parsed = parseToken(body.token);
        if (!parsed || verifyToken(attendance.config.ATTENDANCE_QR_SECRET, parsed, secretRow!.qr_secret, new Date(), clock) !== 'valid') throw new Error('token');
        const enrolled = await pg.query(`SELECT 1 FROM "attendance"."enrollments" WHERE course_id = $1 AND student_id = $2 AND active`, [course.id, user.userId]);
        if (enrolled.rowCount === 0) throw new Error('not enrolled');
        await pg.query(
          `INSERT INTO "attendance"."records" (id, session_id, course_id, student_id, session_starts_at, status, method, marked_at, checked_in_at)
           VALUES ($1, $2, $3, $4, now(), 'present', 'qr_code', now(), now()) ON CONFLICT (session_id, student_id) DO NOTHING`,
          [randomUUID(), baselineSession, course.id, user.userId],
        );
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      } catch {
        response.writeHead(400).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baselineUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/check-in`;

    const run = async (url: string, sessionId: string) => {
      const qr = projector(sessionId);
      await qr.refresh();
      const timer = setInterval(() => void qr.refresh(), 10_000);
      const latencies: number[] = [];
      const failures: string[] = [];
      const began = performance.now();
      await pool(STUDENTS, CONCURRENCY, async (index) => {
        const start = performance.now();
        const response = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens[index]}`, 'content-type': 'application/json' },
          body: JSON.stringify({ token: qr.token(), deviceId: `bench-device-${index}` }),
        });
        await response.arrayBuffer();
        latencies.push(performance.now() - start);
        if (response.status !== 200) failures.push(String(response.status));
      });
      clearInterval(timer);
      const summary = summarize(latencies, performance.now() - began);
      const [check] = await db.query<{ records: number; distinct: number }[]>(
        `SELECT count(*)::int AS records, count(DISTINCT student_id)::int AS distinct FROM "attendance"."records" WHERE session_id = $1`,
        [sessionId],
      );
      if (failures.length || check!.records !== STUDENTS || check!.distinct !== STUDENTS) {
        throw new Error(`${url}: ${failures.length} failed, ${check!.records} records, ${check!.distinct} distinct students`);
      }
      return summary;
    };

    const baseline = await run(baselineUrl, baselineSession);
    const ours = await run(`${stack.url}/api/v1/attendance/check-in`, await newSession());
    server.close();
    await pg.end();
    report({
      name: 'attendance-checkin',
      description: `${STUDENTS} students check in to one session, ${CONCURRENCY} at a time; zero lost, zero duplicated on both sides`,
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
