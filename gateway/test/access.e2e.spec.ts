import { randomUUID } from 'node:crypto';
import { http, login, startStack, type Stack } from './harness';

let stack: Stack;
let admin: string;
let student: string;
let teacher: string;

beforeAll(async () => {
  stack = await startStack();
  admin = (await login(stack, 'admin@tec.example')).accessToken;
  student = (await login(stack, 'student@tec.example')).accessToken;
  teacher = (await login(stack, 'teacher@tec.example')).accessToken;
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

describe('roles and object access through the gateway', () => {
  it('lets admins list users and refuses students (FORBIDDEN)', async () => {
    const asAdmin = await http<{ items: unknown[]; nextCursor: string | null }>(stack, 'GET', '/api/v1/users?limit=5', { token: admin });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.items).toHaveLength(5);
    expect(asAdmin.body.nextCursor).toEqual(expect.any(String));

    const asStudent = await http(stack, 'GET', '/api/v1/users', { token: student });
    expect(asStudent.status).toBe(403);
    expect(asStudent.body.code).toBe('FORBIDDEN');
  });

  it("refuses a teacher another teacher's roster, and a student another student's grades", async () => {
    const teacherCourses = await http<{ items: { id: string }[] }>(stack, 'GET', '/api/v1/courses', { token: teacher });
    const adminCourses = await http<{ items: { id: string }[] }>(stack, 'GET', '/api/v1/courses', { token: admin });
    const mine = new Set(teacherCourses.body.items.map((course) => course.id));
    const foreignCourse = adminCourses.body.items.find((course) => !mine.has(course.id));
    expect(foreignCourse).toBeDefined();
    const roster = await http(stack, 'GET', `/api/v1/courses/${foreignCourse!.id}/students`, { token: teacher });
    expect(roster.status).toBe(403);

    const users = await http<{ items: { id: string; email: string }[] }>(stack, 'GET', '/api/v1/users?role=student&limit=50', { token: admin });
    const other = users.body.items.find((user) => user.email !== 'student@tec.example');
    const grades = await http(stack, 'GET', `/api/v1/grades?studentId=${other!.id}`, { token: student });
    expect(grades.status).toBe(403);
  });

  it('maps service errors to HTTP: NOT_FOUND → 404, invalid params → 400, missing service → 503', async () => {
    const missing = await http(stack, 'GET', `/api/v1/courses/${randomUUID()}`, { token: admin });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');

    const badParam = await http(stack, 'GET', '/api/v1/courses/not-a-uuid', { token: admin });
    expect(badParam.status).toBe(400);
    expect(badParam.body.code).toBe('VALIDATION_FAILED');

    // No notifications service runs in this test: its webhook has no responder.
    const noService = await http(stack, 'POST', '/api/v1/webhooks/sendgrid', { rawBody: '[]' });
    expect(noService.status).toBe(503);
    expect(noService.body.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('answers unknown routes with NOT_FOUND in the same shape', async () => {
    const reply = await http(stack, 'GET', '/api/v1/no-such-route', { token: admin });
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', correlationId: expect.any(String) });
  });
});

describe('integrator API keys', () => {
  it('works within its scopes only, and stops working once revoked', async () => {
    const created = await http<{ key: string; apiKey: { id: string } }>(stack, 'POST', '/api/v1/api-keys', {
      token: admin,
      body: { name: 'SIS sync', scopes: ['users:read'] },
    });
    expect(created.status).toBe(201);
    const headers = { 'x-api-key': created.body.key };

    const users = await http(stack, 'GET', '/api/v1/users?limit=2', { headers });
    expect(users.status).toBe(200);

    const courses = await http(stack, 'POST', '/api/v1/courses', { headers, body: { code: 'X-1', title: 'X', level: 'bachelor' } });
    expect(courses.status).toBe(403);
    expect(courses.body.code).toBe('INSUFFICIENT_SCOPE');

    const adminOnly = await http(stack, 'GET', '/api/v1/api-keys', { headers });
    expect(adminOnly.status).toBe(403);

    const wrong = await http(stack, 'GET', '/api/v1/users', { headers: { 'x-api-key': `${created.body.key}x` } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('API_KEY_INVALID');

    const revoked = await http(stack, 'DELETE', `/api/v1/api-keys/${created.body.apiKey.id}`, { token: admin });
    expect(revoked.status).toBe(200);
  });
});

describe('dead letters', () => {
  it('are listed for admins per service and refused to everyone else', async () => {
    const asAdmin = await http<{ items: unknown[]; nextCursor: string | null }>(stack, 'GET', '/api/v1/admin/dead-letters/core?limit=5', { token: admin });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body).toEqual({ items: [], nextCursor: null });
    expect((await http(stack, 'GET', '/api/v1/admin/dead-letters/core', { token: teacher })).status).toBe(403);
    expect((await http(stack, 'GET', '/api/v1/admin/dead-letters/nowhere', { token: admin })).body.code).toBe('VALIDATION_FAILED');
    const missing = await http(stack, 'POST', `/api/v1/admin/dead-letters/core/${randomUUID()}/replay`, { token: admin });
    expect(missing.status).toBe(404);
  });
});

describe('health', () => {
  it('reports the gateway, every service and their dependencies', async () => {
    const reply = await http(stack, 'GET', '/api/v1/health');
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('ok');
    const core = (reply.body.services as Record<string, { status: string; checks: Record<string, { status: string }> }>).core!;
    expect(core.status).toBe('ok');
    expect(core.checks.database!.status).toBe('ok');
    expect(core.checks.nats!.status).toBe('ok');
  });
});
