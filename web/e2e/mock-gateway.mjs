#!/usr/bin/env node
// A stand-in for the gateway, for working on the web app without the backend: the documented REST shapes with a
// small fixed demo school, the refresh cookie, and a Socket.IO endpoint that sends `session_ready`. It serves
// web/dist too, so the browser test can run against it:
//   node web/e2e/mock-gateway.mjs [port=3100]   then   node web/e2e/login.browser.mjs http://127.0.0.1:3100
// Development aid only: the real browser test runs against the real gateway.
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clearInterval, setInterval } from 'node:timers';
import { Server } from 'socket.io';

const port = Number(process.argv[2] ?? 3100);
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const TOKEN_TTL_MS = Number(process.env.MOCK_TOKEN_TTL_MS ?? 15 * 60_000);

const person = (role, firstName, lastName, extra = {}) => ({
  id: randomUUID(), email: `${role}@tec.example`, firstName, lastName, role,
  timezone: 'Europe/Madrid', locale: 'en-GB', dateOfBirth: null, active: true, ...extra,
});
const users = [
  person('student', 'Lucía', 'Fernández', { dateOfBirth: '2007-05-02' }),
  person('teacher', 'Daniel', 'Okafor'),
  person('parent', 'Marta', 'Fernández'),
  person('admin', 'Priya', 'Raman', { timezone: 'UTC', locale: 'en-US' }),
];
for (let index = 0; index < 40; index += 1) users.push(person('student', `Student${index}`, `Demo${index}`, { email: `s${index}@tec.example` }));
const byEmail = new Map(users.map((user) => [user.email, user]));
const courses = [
  { id: randomUUID(), code: 'MATH-12A', title: 'Mathematics 12 — Calculus', studentCount: 24, level: 'grade12', description: 'Limits, derivatives and integrals.' },
  { id: randomUUID(), code: 'PHYS-12B', title: 'Physics 12', studentCount: 19, level: 'grade12', description: '' },
  { id: randomUUID(), code: 'CS-101', title: 'Introduction to Programming', studentCount: 31, level: 'bachelor', description: 'Python from first principles.' },
];
const tokens = new Map();
const refreshTokens = new Map();
const imports = new Map();
const day = 86_400_000;
const iso = (offset) => new Date(Date.now() + offset).toISOString();

// Core's dead letters: none by default (what the browser test expects of a fresh stack); MOCK_DEAD_LETTERS=30
// shows the table, "Load more" and replay. The other services are "not running" (503), as in production today.
const deadLetters = Array.from({ length: Number(process.env.MOCK_DEAD_LETTERS ?? 0) }, (_, index) => {
  const eventId = randomUUID();
  const subject = index % 3 === 0 ? 'core.v1.enrollment.created' : index % 3 === 1 ? 'core.v1.user.updated' : 'core.v1.course.updated';
  return {
    id: randomUUID(),
    consumer: index % 2 === 0 ? 'core.search-index' : 'core.course-stats',
    eventId,
    subject,
    reason: index === 0
      ? 'duplicate key value violates unique constraint "course_stats_pkey" (course_id)=(3f1c…) while applying the projection; the handler gave up after the last delivery. Check the projection table for a row left by a manual fix, then replay.'
      : 'connect ETIMEDOUT 10.0.0.12:5432',
    deliveries: 5,
    createdAt: iso(-index * 3_600_000 - 60_000),
    envelope: { id: eventId, type: subject, occurredAt: iso(-index * 3_600_000 - 90_000), correlationId: randomUUID(), payload: { courseId: randomUUID(), studentCount: 24 } },
  };
});

function dashboard(user) {
  const base = { user, courses: [], upcomingAssignments: [], recentGrades: [] };
  if (user.role === 'student') {
    return {
      ...base,
      courses: courses.map((course) => ({ id: course.id, code: course.code, title: course.title, studentCount: course.studentCount, relation: 'enrolled' })),
      upcomingAssignments: [
        { id: randomUUID(), courseId: courses[0].id, courseCode: 'MATH-12A', title: 'Problem set 4: chain rule', dueAt: iso(2 * day), status: 'open' },
        { id: randomUUID(), courseId: courses[1].id, courseCode: 'PHYS-12B', title: 'Lab report: pendulum', dueAt: iso(5 * day), status: 'submitted' },
        { id: randomUUID(), courseId: courses[2].id, courseCode: 'CS-101', title: 'Exercise: loops', dueAt: iso(-1 * day), status: 'missing' },
      ],
      recentGrades: [
        { assignmentId: randomUUID(), assignmentTitle: 'Quiz 3', courseCode: 'MATH-12A', score: 18, maxScore: 20, gradedAt: iso(-2 * day) },
        { assignmentId: randomUUID(), assignmentTitle: 'Essay: energy', courseCode: 'PHYS-12B', score: 71, maxScore: 100, gradedAt: iso(-4 * day) },
        { assignmentId: randomUUID(), assignmentTitle: 'Exercise: variables', courseCode: 'CS-101', score: 9.5, maxScore: 25, gradedAt: iso(-6 * day) },
      ],
    };
  }
  if (user.role === 'teacher') {
    return {
      ...base,
      courses: courses.slice(0, 2).map((course) => ({ id: course.id, code: course.code, title: course.title, studentCount: course.studentCount, relation: 'teaching' })),
      upcomingAssignments: [{ id: randomUUID(), courseId: courses[0].id, courseCode: 'MATH-12A', title: 'Problem set 4: chain rule', dueAt: iso(2 * day), status: 'open' }],
      recentGrades: [{ assignmentId: randomUUID(), assignmentTitle: 'Quiz 3', courseCode: 'MATH-12A', score: 18, maxScore: 20, gradedAt: iso(-2 * day), studentName: 'Lucía Fernández' }],
      toGrade: [
        { assignmentId: randomUUID(), title: 'Lab report: pendulum', courseCode: 'PHYS-12B', ungraded: 7 },
        { assignmentId: randomUUID(), title: 'Quiz 4', courseCode: 'MATH-12A', ungraded: 1 },
      ],
    };
  }
  if (user.role === 'admin') {
    return { ...base, admin: { users: { student: 412, teacher: 28, parent: 365, admin: 3 }, courses: 36, activeEnrollments: 1890 } };
  }
  return base;
}

function send(response, status, body, headers = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(body === undefined ? '' : JSON.stringify(body));
}
function fail(response, request, status, code, message) {
  send(response, status, { statusCode: status, code, message, correlationId: request.headers['x-correlation-id'] ?? randomUUID() });
}
function issue(user) {
  const accessToken = randomUUID();
  const refreshToken = randomUUID();
  const expiresAt = Date.now() + TOKEN_TTL_MS;
  tokens.set(accessToken, { user, expiresAt });
  refreshTokens.set(refreshToken, user);
  return {
    body: { accessToken, accessTokenExpiresAt: new Date(expiresAt).toISOString(), user },
    cookie: `tec_refresh=${refreshToken}; Path=/api/v1/auth; HttpOnly; SameSite=Strict`,
  };
}
function cookieToken(request) {
  return /(?:^|;\s*)tec_refresh=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
}
function caller(request) {
  const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  const entry = token ? tokens.get(token) : undefined;
  if (!entry) return { error: 'UNAUTHENTICATED' };
  if (entry.expiresAt < Date.now()) return { error: 'TOKEN_EXPIRED' };
  return { user: entry.user };
}
async function readJson(request) {
  let raw = '';
  for await (const chunk of request) raw += chunk;
  return raw ? JSON.parse(raw) : {};
}

async function api(request, response, url) {
  const route = `${request.method} ${url.pathname.replace(/^\/api\/v1/, '')}`;
  if (route === 'GET /health') {
    const check = (latencyMs) => ({ status: 'ok', latencyMs });
    const core = { service: 'core', status: 'ok', checkedAt: iso(0), checks: { database: check(3), nats: check(1), outbox: { ...check(4), pending: 2, oldestAgeMs: 95_000 } } };
    const chat = { service: 'chat', status: 'down', error: 'no responders for rpc.chat.health' };
    return send(response, 503, { status: 'degraded', checkedAt: iso(0), gateway: { nats: check(1) }, services: { core, chat } });
  }
  if (route === 'POST /auth/login') {
    const body = await readJson(request);
    const user = byEmail.get(String(body.email).toLowerCase());
    if (!user || body.password !== 'demo1234') return fail(response, request, 401, 'INVALID_CREDENTIALS', 'Email or password is incorrect');
    const { body: session, cookie } = issue(user);
    return send(response, 200, session, { 'set-cookie': cookie });
  }
  if (route === 'POST /auth/refresh') {
    const token = cookieToken(request);
    const user = token ? refreshTokens.get(token) : undefined;
    if (!user) return fail(response, request, 401, 'UNAUTHENTICATED', 'Sign in again');
    refreshTokens.delete(token);
    const { body: session, cookie } = issue(user);
    return send(response, 200, session, { 'set-cookie': cookie });
  }
  if (route === 'POST /auth/logout') {
    const token = cookieToken(request);
    if (token) refreshTokens.delete(token);
    return send(response, 204, undefined, { 'set-cookie': 'tec_refresh=; Path=/api/v1/auth; Max-Age=0' });
  }
  const who = caller(request);
  if (who.error) return fail(response, request, 401, who.error, who.error === 'TOKEN_EXPIRED' ? 'The access token has expired' : 'Sign in first');
  const user = who.user;
  if (route === 'GET /auth/session') return send(response, 200, { user, accessTokenExpiresAt: iso(TOKEN_TTL_MS) });
  if (route === 'GET /dashboard') return send(response, 200, dashboard(user));
  if (route === 'GET /courses') {
    const relation = user.role === 'teacher' ? 'teaching' : user.role === 'student' ? 'enrolled' : null;
    return send(response, 200, { items: courses.map((course) => ({ ...course, teachers: [], relation })) });
  }
  const courseMatch = /^GET \/courses\/([^/]+)(\/students)?$/.exec(route);
  if (courseMatch) {
    const course = courses.find((item) => item.id === courseMatch[1]);
    if (!course) return fail(response, request, 404, 'NOT_FOUND', 'No such course');
    if (courseMatch[2]) {
      if (user.role === 'student') return fail(response, request, 403, 'FORBIDDEN', 'Teachers only');
      return send(response, 200, { items: users.filter((item) => item.role === 'student').slice(0, 12).map((item) => ({ ...item, enrollmentStatus: 'active', enrolledAt: iso(-30 * day) })) });
    }
    const relation = user.role === 'teacher' ? 'teaching' : user.role === 'student' ? 'enrolled' : null;
    return send(response, 200, { ...course, teachers: [{ id: users[1].id, firstName: 'Daniel', lastName: 'Okafor' }], relation });
  }
  if (route === 'GET /users') {
    if (user.role !== 'admin') return fail(response, request, 403, 'FORBIDDEN', 'Admins only');
    const search = (url.searchParams.get('search') ?? '').toLowerCase();
    const limit = Number(url.searchParams.get('limit') ?? 25);
    const start = Number(url.searchParams.get('cursor') ?? 0);
    const matching = users.filter((item) => `${item.email} ${item.firstName} ${item.lastName}`.toLowerCase().includes(search));
    const page = matching.slice(start, start + limit);
    return send(response, 200, { items: page, nextCursor: start + limit < matching.length ? String(start + limit) : null });
  }
  const lettersMatch = /^(GET|POST) \/admin\/dead-letters\/([^/]+)(?:\/([^/]+)\/replay)?$/.exec(route);
  if (lettersMatch) {
    if (user.role !== 'admin') return fail(response, request, 403, 'FORBIDDEN', 'Admins only');
    if (lettersMatch[2] !== 'core') return fail(response, request, 503, 'SERVICE_UNAVAILABLE', `${lettersMatch[2]} is not available`);
    if (lettersMatch[1] === 'POST') {
      const index = deadLetters.findIndex((letter) => letter.id === lettersMatch[3]);
      if (index < 0) return fail(response, request, 404, 'NOT_FOUND', 'No such dead letter (already replayed?)');
      const [letter] = deadLetters.splice(index, 1);
      return send(response, 200, { deadLetterId: letter.id, eventId: letter.eventId, replayedAt: iso(0) });
    }
    const limit = Number(url.searchParams.get('limit') ?? 25);
    const before = url.searchParams.get('before');
    const start = before ? deadLetters.findIndex((letter) => letter.id === before) + 1 : 0;
    const page = deadLetters.slice(start, start + limit);
    return send(response, 200, { items: page, nextCursor: start + limit < deadLetters.length ? page.at(-1).id : null });
  }
  if (route === 'PATCH /users/me') {
    Object.assign(user, await readJson(request));
    return send(response, 200, user);
  }
  if (route === 'POST /imports/roster') {
    const { csv } = await readJson(request);
    const rows = String(csv).split(/\r?\n/).filter((line) => line.trim()).length - 1;
    const id = randomUUID();
    const job = { importId: id, status: 'running', total: rows, done: 0, failed: 0, errors: [], createdAt: iso(0), finishedAt: null };
    imports.set(id, job);
    const timer = setInterval(() => {
      if (job.done + job.failed >= job.total) {
        job.status = 'completed';
        job.finishedAt = iso(0);
        clearInterval(timer);
        return;
      }
      if ((job.done + job.failed) % 4 === 2) {
        job.failed += 1;
        job.errors.push({ row: job.done + job.failed + 1, message: 'role must be one of student, teacher, parent, admin' });
      } else job.done += 1;
    }, 250);
    return send(response, 201, { importId: id });
  }
  const importMatch = /^GET \/imports\/([^/]+)$/.exec(route);
  if (importMatch) {
    const job = imports.get(importMatch[1]);
    return job ? send(response, 200, job) : fail(response, request, 404, 'NOT_FOUND', 'No such import');
  }
  return fail(response, request, 404, 'NOT_FOUND', `No route ${route}`);
}

function serveStatic(response, url) {
  const file = path.join(dist, path.normalize(url.pathname));
  const target = file.startsWith(dist) && existsSync(file) && statSync(file).isFile() ? file : path.join(dist, 'index.html');
  const types = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.svg': 'image/svg+xml', '.map': 'application/json' };
  response.writeHead(200, { 'content-type': types[path.extname(target)] ?? 'application/octet-stream' });
  createReadStream(target).pipe(response);
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname.startsWith('/api/')) {
    api(request, response, url).catch((error) => fail(response, request, 500, 'INTERNAL', String(error)));
    return;
  }
  serveStatic(response, url);
});

const io = new Server(server, { path: '/socket.io' });
io.use((socket, next) => {
  const who = caller({ headers: { authorization: `Bearer ${socket.handshake.auth?.token ?? ''}` } });
  if (who.error) return next(new Error(who.error));
  socket.data.user = who.user;
  next();
});
io.on('connection', (socket) => socket.emit('session_ready', { userId: socket.data.user.id, serverTime: iso(0) }));

server.listen(port, '127.0.0.1', () => console.log(`mock gateway on http://127.0.0.1:${port} (serving ${dist})`));
