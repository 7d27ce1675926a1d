import { createHmac } from 'node:crypto';
import ICAL from 'ical.js';
import { io, type Socket } from 'socket.io-client';
import type { ClientEventMap, LiveClass } from '@tec/shared';
import { bootTestService } from '@tec/shared/testing';
import { buildServiceModule } from '../../services/live-classes/src/app.module';
import { liveClassesConfigShape } from '../../services/live-classes/src/config';
import { liveClassesEntities } from '../../services/live-classes/src/entities';
import { liveClassesMigrations } from '../../services/live-classes/src/migrations';
import { ALLOWED_ORIGIN, http, login, startStack, type Stack } from './harness';

const WEBHOOK_SECRET = 'e2e-zoom-webhook-secret';
let stack: Stack;
let teacher: { accessToken: string; user: { id: string } };
let student: { accessToken: string; user: { id: string } };
let parent: { accessToken: string; user: { id: string } };
let courseId: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  stack = await startStack({
    services: {
      'live-classes': ({ nats }) =>
        bootTestService({
          nats,
          schema: 'live_classes',
          entities: liveClassesEntities,
          migrations: liveClassesMigrations,
          configShape: liveClassesConfigShape,
          buildModule: (config) => buildServiceModule(config),
          env: { LIVE_CLASSES_JOB_INTERVAL_SECONDS: '0', LIVE_CLASSES_PROVIDER: 'development', ZOOM_WEBHOOK_SECRET_TOKEN: WEBHOOK_SECRET },
        }),
    },
  });
  teacher = await login(stack, 'teacher@tec.example');
  student = await login(stack, 'student@tec.example');
  parent = await login(stack, 'parent@tec.example');
  const courses = await http<{ items: { id: string; teachers: { id: string }[] }[] }>(stack, 'GET', '/api/v1/courses', { token: student.accessToken });
  courseId = courses.body.items.find((course) => course.teachers.some((person) => person.id === teacher.user.id))!.id;
  const db = stack.services['live-classes']!.db.dataSource;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const enrolled = await db.query(`SELECT 1 FROM "live_classes"."enrollments" WHERE course_id = $1 AND student_id = $2 AND active`, [courseId, student.user.id]);
    const teaches = await db.query(`SELECT 1 FROM "live_classes"."course_teachers" WHERE course_id = $1 AND teacher_id = $2`, [courseId, teacher.user.id]);
    const profile = await db.query(`SELECT 1 FROM "live_classes"."users" WHERE id = $1`, [teacher.user.id]);
    if (enrolled.length && teaches.length && profile.length) break;
    if (Date.now() > deadline) throw new Error('live-classes read model did not fill');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await stack?.close();
});

async function openSocket(token: string): Promise<Socket> {
  const socket = io(stack.url, { path: '/socket.io', transports: ['websocket'], auth: { token }, extraHeaders: { origin: ALLOWED_ORIGIN }, reconnection: false, forceNew: true });
  sockets.push(socket);
  await new Promise((resolve) => socket.once('session_ready', resolve));
  return socket;
}

function inMinutes(minutes: number, duration = 45) {
  const start = new Date(Math.floor(Date.now() / 1000) * 1000 + minutes * 60_000);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + duration * 60_000).toISOString() };
}

describe('live classes over REST and the socket', () => {
  it('a teacher schedules a class, the student joins, asks a question that the teacher sees live and answers', async () => {
    const created = await http<{ items: LiveClass[] }>(stack, 'POST', '/api/v1/live-classes', {
      token: teacher.accessToken,
      body: { courseId, name: 'Derivatives Q&A', description: 'Bring questions', ...inMinutes(5), maxParticipants: 40 },
    });
    expect(created.status).toBe(201);
    const liveClass = created.body.items[0]!;
    expect(liveClass).toMatchObject({ name: 'Derivatives Q&A', status: 'scheduled', provider: 'development' });

    expect((await http(stack, 'POST', '/api/v1/live-classes', { token: student.accessToken, body: { courseId, name: 'x', ...inMinutes(600) } })).status).toBe(403);
    expect((await http(stack, 'POST', '/api/v1/live-classes', { token: teacher.accessToken, body: { courseId, name: 'Clash', ...inMinutes(20) } })).body).toMatchObject({ code: 'CONFLICT' });
    expect((await http(stack, 'GET', `/api/v1/live-classes/${liveClass.id}`, { token: parent.accessToken })).status).toBe(403);

    expect((await http(stack, 'GET', '/api/v1/live-classes/providers', { token: teacher.accessToken })).body).toEqual({ default: 'development', available: ['jitsi', 'development'] });
    expect((await http(stack, 'GET', '/api/v1/live-classes/providers', { token: student.accessToken })).status).toBe(403);
    const listed = await http<{ items: LiveClass[] }>(stack, 'GET', `/api/v1/live-classes?courseId=${courseId}`, { token: student.accessToken });
    expect(listed.body.items.map((item) => item.id)).toContain(liveClass.id);

    const joined = await http<{ url: string; role: string }>(stack, 'POST', `/api/v1/live-classes/${liveClass.id}/join`, { token: student.accessToken });
    expect(joined.status).toBe(200);
    expect(joined.body.role).toBe('attendee');

    const teacherSocket = await openSocket(teacher.accessToken);
    const studentSocket = await openSocket(student.accessToken);
    const parentSocket = await openSocket(parent.accessToken);
    expect(await teacherSocket.emitWithAck('join_room', { kind: 'class', id: liveClass.id })).toEqual({ ok: true, room: `class:${liveClass.id}` });
    expect(await studentSocket.emitWithAck('join_room', { kind: 'class', id: liveClass.id })).toEqual({ ok: true, room: `class:${liveClass.id}` });
    expect((await parentSocket.emitWithAck('join_room', { kind: 'class', id: liveClass.id })).error?.code).toBe('FORBIDDEN');

    const seenByTeacher = new Promise<ClientEventMap['live_question']>((resolve) => teacherSocket.once('live_question', resolve));
    const asked = await http<{ id: string }>(stack, 'POST', `/api/v1/live-classes/${liveClass.id}/questions`, { token: student.accessToken, body: { text: 'Is the chain rule on the exam?' } });
    expect(asked.status).toBe(201);
    expect(await seenByTeacher).toMatchObject({ classId: liveClass.id, change: 'asked', question: { id: asked.body.id, text: 'Is the chain rule on the exam?', votes: 0 } });

    // The student's copy of the `asked` push may still be on its way: wait for the answer itself.
    const seenByStudent = new Promise<ClientEventMap['live_question']>((resolve) => {
      const onQuestion = (event: ClientEventMap['live_question']) => {
        if (event.change !== 'answered') return;
        studentSocket.off('live_question', onQuestion);
        resolve(event);
      };
      studentSocket.on('live_question', onQuestion);
    });
    const answered = await http(stack, 'POST', `/api/v1/live-classes/questions/${asked.body.id}/answer`, { token: teacher.accessToken, body: { answerText: 'Yes, section 3.' } });
    expect(answered.status).toBe(200);
    expect(await seenByStudent).toMatchObject({ change: 'answered', question: { answered: true, answerText: 'Yes, section 3.' } });
    expect((await http(stack, 'POST', `/api/v1/live-classes/questions/${asked.body.id}/upvote`, { token: teacher.accessToken })).status).toBe(403);

    const questions = await http<{ items: { id: string }[] }>(stack, 'GET', `/api/v1/live-classes/${liveClass.id}/questions`, { token: student.accessToken });
    expect(questions.body.items.map((question) => question.id)).toEqual([asked.body.id]);
    expect((await http(stack, 'GET', `/api/v1/live-classes/${liveClass.id}/attendance`, { token: teacher.accessToken })).body).toMatchObject({ computedAt: null, items: [] });
  });

  it('serves the calendar feed publicly by its secret token, and rotating kills the old URL', async () => {
    const info = await http<{ path: string; token: string }>(stack, 'GET', '/api/v1/live-classes/calendar', { token: student.accessToken });
    expect(info.status).toBe(200);
    const feed = await fetch(`${stack.url}${info.body.path}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const text = await feed.text();
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
    expect(events.some((event) => String(event.getFirstPropertyValue('summary')).includes('Derivatives Q&A'))).toBe(true);
    const rotated = await http<{ path: string }>(stack, 'POST', '/api/v1/live-classes/calendar/rotate', { token: student.accessToken });
    expect((await fetch(`${stack.url}${info.body.path}`)).status).toBe(404);
    expect((await fetch(`${stack.url}${rotated.body.path}`)).status).toBe(200);
    expect((await fetch(`${stack.url}/api/v1/live-classes/calendar/not-a-token.ics`)).status).toBe(400);
  });

  it('hands Zoom webhooks to the service, which answers the challenge and refuses forged signatures', async () => {
    const body = JSON.stringify({ event: 'endpoint.url_validation', event_ts: Date.now(), payload: { plainToken: 'abc123' } });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', WEBHOOK_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const valid = await http(stack, 'POST', '/api/v1/webhooks/zoom', { rawBody: body, headers: { 'x-zm-signature': signature, 'x-zm-request-timestamp': timestamp } });
    expect(valid.status).toBe(200);
    expect(valid.body).toEqual({ plainToken: 'abc123', encryptedToken: createHmac('sha256', WEBHOOK_SECRET).update('abc123').digest('hex') });
    const forged = await http(stack, 'POST', '/api/v1/webhooks/zoom', { rawBody: body, headers: { 'x-zm-signature': `v0=${'0'.repeat(64)}`, 'x-zm-request-timestamp': timestamp } });
    expect(forged.status).toBe(401);
  });
});
