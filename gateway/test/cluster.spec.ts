import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { io, type Socket } from 'socket.io-client';
import { coreEvents, createLogger, type ClientEventMap } from '@tec/shared';
import { bootTestService, buildUser, publishTestEvent } from '@tec/shared/testing';
import { buildServiceModule } from '../../services/attendance/src/app.module';
import { attendanceConfigShape, type AttendanceConfig } from '../../services/attendance/src/config';
import { attendanceEntities } from '../../services/attendance/src/entities';
import { attendanceMigrations } from '../../services/attendance/src/migrations';
import { RosterRepository } from '../../services/attendance/src/roster/roster.repository';
import { SessionsService } from '../../services/attendance/src/sessions/sessions.service';
import { createGatewayApp } from '../src/bootstrap';
import { ALLOWED_ORIGIN, http, login, startStack, type Stack } from './harness';

// Scale-out on one machine: two gateways and two attendance instances on one NATS prefix and one database,
// exactly as `npm run start:cluster` runs them (there behind nginx). RPC is shared through the service's queue
// group, events through one durable consumer per handler (and the inbox), the outbox through SKIP LOCKED, and
// pushes reach a socket on either gateway.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nginx = require('../../scripts/lib/nginx.cjs') as {
  findNginx(): string | null;
  startNginx(binary: string, options: { listen: string; gateways: string[]; prefixDir: string }): { stop(): Promise<void>; output(): string };
};

let stack: Stack;
let attendanceB: INestApplicationContext;
let gatewayB: NestExpressApplication;
let urlB: string;
let teacher: { accessToken: string; user: { id: string } };
let student: { accessToken: string; user: { id: string } };
let courseId: string;
const sockets: Socket[] = [];

const attendanceA = () => stack.services.attendance!.app;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  stack = await startStack({
    services: {
      attendance: ({ nats }) =>
        bootTestService({
          nats,
          schema: 'attendance',
          entities: attendanceEntities,
          migrations: attendanceMigrations,
          configShape: attendanceConfigShape,
          buildModule: (config) => buildServiceModule(config),
          env: { ATTENDANCE_JOB_INTERVAL_SECONDS: '0', ATTENDANCE_COUNTS_PUSH_MS: '20', ATTENDANCE_EVIDENCE_DIR: `/tmp/attendance-cluster-${process.pid}` },
        }),
    },
  });
  // The second attendance instance: same config, so the same database, prefix, queue group and durables.
  const config = stack.services.attendance!.config as AttendanceConfig;
  attendanceB = await NestFactory.createApplicationContext(buildServiceModule(config), { logger: false, abortOnError: false });
  await attendanceB.init();
  // The second gateway: same config, its own port.
  gatewayB = await createGatewayApp(stack.config, createLogger({ service: 'gateway', level: 'silent' }));
  await gatewayB.listen(0, '127.0.0.1');
  urlB = `http://127.0.0.1:${(gatewayB.getHttpServer().address() as { port: number }).port}`;

  teacher = await login(stack, 'teacher@tec.example');
  student = await login(stack, 'student@tec.example');
  const courses = await http<{ items: { id: string; teachers: { id: string }[] }[] }>(stack, 'GET', '/api/v1/courses', { token: student.accessToken });
  courseId = courses.body.items.find((course) => course.teachers.some((person) => person.id === teacher.user.id))!.id;
  const db = stack.services.attendance!.db.dataSource;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const rows = await db.query(`SELECT 1 FROM "attendance"."enrollments" WHERE course_id = $1 AND student_id = $2 AND active`, [courseId, student.user.id]);
    const teaches = await db.query(`SELECT 1 FROM "attendance"."course_teachers" WHERE course_id = $1 AND teacher_id = $2`, [courseId, teacher.user.id]);
    if (rows.length && teaches.length) break;
    if (Date.now() > deadline) throw new Error('attendance read model did not fill');
    await sleep(100);
  }
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await gatewayB?.close();
  await attendanceB?.close();
  await stack?.close();
});

/** The same request helper, through gateway A (the stack's) or B. */
function via<T = Record<string, unknown>>(gateway: 'A' | 'B', method: string, route: string, options: Parameters<typeof http>[3] = {}) {
  return http<T>(gateway === 'A' ? stack : { ...stack, url: urlB }, method, route, options);
}

async function openSocket(url: string, token: string, transports: string[] = ['websocket']): Promise<Socket> {
  const socket = io(url, { path: '/socket.io', transports, auth: { token }, extraHeaders: { origin: ALLOWED_ORIGIN }, reconnection: false, forceNew: true });
  sockets.push(socket);
  await new Promise((resolve, reject) => {
    socket.once('session_ready', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

async function newSession(gateway: 'A' | 'B'): Promise<string> {
  const startsAt = new Date(Date.now() - 60_000);
  const reply = await via<{ items: { id: string }[] }>(gateway, 'POST', '/api/v1/classes/sessions', {
    token: teacher.accessToken,
    body: { courseId, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_000_000).toISOString(), topic: 'Cluster' },
  });
  expect(reply.status).toBe(201);
  return reply.body.items[0]!.id;
}

describe('two gateways, two attendance instances', () => {
  it('divides RPC requests between the service instances (queue group), whichever gateway takes them', async () => {
    const onA = jest.spyOn(attendanceA().get(SessionsService), 'list');
    const onB = jest.spyOn(attendanceB.get(SessionsService), 'list');
    const total = 60;
    const replies = await Promise.all(
      Array.from({ length: total }, (_, index) => via(index % 2 ? 'B' : 'A', 'GET', `/api/v1/classes/sessions?courseId=${courseId}`, { token: teacher.accessToken })),
    );
    expect(replies.map((reply) => reply.status)).toEqual(Array(total).fill(200));
    const handled = { A: onA.mock.calls.length, B: onB.mock.calls.length };
    console.log(`cluster: ${total} session lists handled by attendance A ${handled.A}, B ${handled.B}`);
    expect(handled.A + handled.B).toBe(total);
    // NATS picks a queue member at random per request: 60 requests all on one side would be a broken group.
    expect(handled.A).toBeGreaterThan(5);
    expect(handled.B).toBeGreaterThan(5);
    onA.mockRestore();
    onB.mockRestore();
  });

  it('processes every event exactly once across both consumer instances (one durable, the inbox)', async () => {
    const onA = jest.spyOn(attendanceA().get(RosterRepository), 'upsertUser');
    const onB = jest.spyOn(attendanceB.get(RosterRepository), 'upsertUser');
    const users = Array.from({ length: 80 }, () => buildUser('student'));
    const eventIds = await Promise.all(users.map((user) => publishTestEvent(stack.nats.nats, stack.nats.prefix, coreEvents.userCreated, { user, active: true }, { producer: 'core' })));
    // A redelivery of the same event (the relay re-publishing after a crash) is absorbed too.
    await publishTestEvent(stack.nats.nats, stack.nats.prefix, coreEvents.userCreated, { user: users[0]!, active: true }, { producer: 'core', id: eventIds[0] });

    const db = stack.services.attendance!.db.dataSource;
    const deadline = Date.now() + 30_000;
    let inbox = 0;
    while (Date.now() < deadline) {
      inbox = Number((await db.query(`SELECT count(*)::int AS n FROM "attendance"."inbox" WHERE event_id = ANY($1::uuid[])`, [eventIds]))[0].n);
      if (inbox === users.length) break;
      await sleep(100);
    }
    expect(inbox).toBe(users.length);
    await sleep(500); // anything processed twice would show up by now
    const wanted = new Set(users.map((user) => user.id));
    const calls = (spy: typeof onA) => spy.mock.calls.map(([user]) => user.id).filter((id) => wanted.has(id));
    const handledA = calls(onA);
    const handledB = calls(onB);
    console.log(`cluster: ${users.length} user_created events handled by attendance A ${handledA.length}, B ${handledB.length}`);
    expect(handledA.length + handledB.length).toBe(users.length);
    expect(new Set([...handledA, ...handledB]).size).toBe(users.length);
    expect(handledA.length).toBeGreaterThan(0);
    expect(handledB.length).toBeGreaterThan(0);
    const rows = await db.query(`SELECT count(*)::int AS n FROM "attendance"."users" WHERE id = ANY($1::uuid[])`, [[...wanted]]);
    expect(rows[0].n).toBe(users.length);
    onA.mockRestore();
    onB.mockRestore();
  });

  it('publishes each outbox row once although both instances run a relay (SKIP LOCKED)', async () => {
    const seen: string[] = [];
    // A plain subscription sees every publish, duplicates included (JetStream would drop those from the stream).
    const subscription = stack.nats.nats.subscribe(`${stack.nats.prefix}.attendance.v1.sessions_scheduled`, {
      callback: (_error, message) => seen.push((JSON.parse(new TextDecoder().decode(message.data)) as { id: string }).id),
    });
    await stack.nats.nats.flush();
    const sessions = await Promise.all(Array.from({ length: 20 }, (_, index) => newSession(index % 2 ? 'B' : 'A')));
    const db = stack.services.attendance!.db.dataSource;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && seen.length < sessions.length) await sleep(100);
    await sleep(500);
    subscription.unsubscribe();
    expect(seen.length).toBe(sessions.length);
    expect(new Set(seen).size).toBe(sessions.length);
    const pending = await db.query(`SELECT count(*)::int AS n FROM "attendance"."outbox" WHERE published_at IS NULL`);
    expect(pending[0].n).toBe(0);
  });

  it('answers the orchestrator probes per gateway instance, without asking the services', async () => {
    for (const gateway of ['A', 'B'] as const) {
      expect(await via(gateway, 'GET', '/api/v1/health/live')).toMatchObject({ status: 200, body: { status: 'ok' } });
      expect(await via(gateway, 'GET', '/api/v1/health/ready')).toMatchObject({ status: 200, body: { status: 'ok' } });
    }
  });

  it('delivers to a socket on gateway A what a request through gateway B caused', async () => {
    const sessionId = await newSession('B');
    const teacherOnA = await openSocket(stack.url, teacher.accessToken);
    expect(await teacherOnA.emitWithAck('join_room', { kind: 'session', id: sessionId })).toEqual({ ok: true, room: `session:${sessionId}` });
    const gotRecord = new Promise<ClientEventMap['attendance_record']>((resolve) => teacherOnA.once('attendance_record', resolve));

    const qr = await via<{ url: string }>('B', 'POST', '/api/v1/attendance/generate-qr', { token: teacher.accessToken, body: { sessionId } });
    expect(qr.status).toBe(200);
    const checkIn = await via('B', 'POST', '/api/v1/attendance/check-in', {
      token: student.accessToken,
      body: { token: new URL(qr.body.url).searchParams.get('t'), deviceId: 'cluster-device-01' },
    });
    expect(checkIn.status).toBe(200);
    expect((await gotRecord).student.id).toBe(student.user.id);
  });
});

const nginxBinary = nginx.findNginx();
if (!nginxBinary) {
  console.warn('cluster: nginx is not installed, so the load-balancer smoke test is skipped (apt-get install nginx-light; npm run start:cluster installs it)');
}
(nginxBinary ? describe : describe.skip)('behind nginx (the start:cluster load balancer)', () => {
  let balancer: { stop(): Promise<void>; output(): string };
  let lbUrl: string;

  beforeAll(async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    lbUrl = `http://127.0.0.1:${port}`;
    const gateways = [new URL(stack.url).host, new URL(urlB).host];
    balancer = nginx.startNginx(nginxBinary!, { listen: `127.0.0.1:${port}`, gateways, prefixDir: mkdtempSync(path.join(tmpdir(), 'tec-nginx-')) });
    const deadline = Date.now() + 10_000;
    for (;;) {
      const up = await fetch(`${lbUrl}/api/v1/health`).then(() => true, () => false);
      if (up) break;
      if (Date.now() > deadline) throw new Error(`nginx did not start: ${balancer.output()}`);
      await sleep(100);
    }
  });

  afterAll(async () => {
    await balancer?.stop();
  });

  it('spreads REST over both gateways and carries Socket.IO (polling then WebSocket upgrade) with pushes from either side', async () => {
    const upstreams = new Set<string>();
    for (let index = 0; index < 20; index += 1) {
      const reply = await fetch(`${lbUrl}/api/v1/health`);
      expect(reply.status).toBe(200);
      upstreams.add(reply.headers.get('x-upstream') ?? '');
    }
    expect(upstreams).toEqual(new Set([new URL(stack.url).host, new URL(urlB).host]));

    // The web client's way: long-polling first, then the upgrade (the sticky upstream keeps both on one gateway).
    const teacherSocket = await openSocket(lbUrl, teacher.accessToken, ['polling', 'websocket']);
    await new Promise<void>((resolve) => (teacherSocket.io.engine.transport.name === 'websocket' ? resolve() : teacherSocket.io.engine.once('upgrade', () => resolve())));
    expect(teacherSocket.io.engine.transport.name).toBe('websocket');
    const sessionId = await newSession('A');
    expect(await teacherSocket.emitWithAck('join_room', { kind: 'session', id: sessionId })).toEqual({ ok: true, room: `session:${sessionId}` });
    const gotRecord = new Promise<ClientEventMap['attendance_record']>((resolve) => teacherSocket.once('attendance_record', resolve));
    const lb = { ...stack, url: lbUrl };
    const qr = await http<{ url: string }>(lb, 'POST', '/api/v1/attendance/generate-qr', { token: teacher.accessToken, body: { sessionId } });
    expect(qr.status).toBe(200);
    const checkIn = await http(lb, 'POST', '/api/v1/attendance/check-in', {
      token: student.accessToken,
      body: { token: new URL(qr.body.url).searchParams.get('t'), deviceId: 'cluster-device-02' },
    });
    expect(checkIn.status).toBe(200);
    expect((await gotRecord).student.id).toBe(student.user.id);
  });
});
