import { bootTestService } from '@tec/shared/testing';
import { buildServiceModule as buildAttendance } from '../../services/attendance/src/app.module';
import { attendanceConfigShape } from '../../services/attendance/src/config';
import { attendanceEntities } from '../../services/attendance/src/entities';
import { attendanceMigrations } from '../../services/attendance/src/migrations';
import { buildServiceModule as buildPortal } from '../../services/parent-portal/src/app.module';
import { parentPortalConfigShape } from '../../services/parent-portal/src/config';
import { parentPortalEntities } from '../../services/parent-portal/src/entities';
import { parentPortalMigrations } from '../../services/parent-portal/src/migrations';
import { http, login, startStack, type Stack } from './harness';

type Session = Awaited<ReturnType<typeof login>>;

let stack: Stack;
let admin: Session;
let teacher: Session;
let student: Session;
let parent: Session;
let courseId: string;

async function until<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

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
          buildModule: (config) => buildAttendance(config),
          env: { ATTENDANCE_JOB_INTERVAL_SECONDS: '0', ATTENDANCE_EVIDENCE_DIR: `/tmp/attendance-pp-e2e-${process.pid}` },
        }),
      'parent-portal': ({ nats }) =>
        bootTestService({
          nats,
          schema: 'parent_portal',
          entities: parentPortalEntities,
          migrations: parentPortalMigrations,
          configShape: parentPortalConfigShape,
          buildModule: (config) => buildPortal(config),
          env: { PARENT_PORTAL_JOB_INTERVAL_SECONDS: '0', PARENT_PORTAL_CHAT_TIMEOUT_MS: '200' },
        }),
    },
  });
  [admin, teacher, student, parent] = await Promise.all(['admin', 'teacher', 'student', 'parent'].map((role) => login(stack, `${role}@tec.example`)));
  const courses = await http<{ items: { id: string; teachers: { id: string }[] }[] }>(stack, 'GET', '/api/v1/courses', { token: student.accessToken });
  courseId = courses.body.items.find((course) => course.teachers.some((person) => person.id === teacher.user.id))!.id;
  // Both read models fill from core's seed events.
  const portalDb = stack.services['parent-portal']!.db.dataSource;
  const attendanceDb = stack.services.attendance!.db.dataSource;
  await until(async () => {
    const portal = await portalDb.query(`SELECT 1 FROM "parent_portal"."enrollments" e JOIN "parent_portal"."users" u ON u.id = $3
      WHERE e.course_id = $1 AND e.student_id = $2 AND e.active`, [courseId, student.user.id, parent.user.id]);
    const attendance = await attendanceDb.query(`SELECT 1 FROM "attendance"."enrollments" WHERE course_id = $1 AND student_id = $2 AND active`, [courseId, student.user.id]);
    const teaches = await attendanceDb.query(`SELECT 1 FROM "attendance"."course_teachers" WHERE course_id = $1 AND teacher_id = $2`, [courseId, teacher.user.id]);
    return portal.length > 0 && attendance.length > 0 && teaches.length > 0;
  }, 60_000);
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

describe('parent portal through the gateway', () => {
  let linkId: string;

  it('a parent links a child with a code, the admin approves, the parent sees the overview', async () => {
    const before = await http(stack, 'GET', `/api/v1/parent-portal/children/${student.user.id}/overview`, { token: parent.accessToken });
    expect(before.status).toBe(404);
    expect(before.body.code).toBe('NOT_FOUND');

    const code = await http<{ code: string; id: string }>(stack, 'POST', '/api/v1/parent-portal/pairing-codes', { token: student.accessToken, body: {} });
    expect(code.status).toBe(201);
    expect(code.body.code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    const wrong = await http(stack, 'POST', '/api/v1/parent-portal/links/redeem', { token: parent.accessToken, body: { code: 'ZZZZZZ', relationship: 'parent' } });
    expect([wrong.status, wrong.body.code]).toEqual([400, 'PAIRING_CODE_INVALID']);
    const redeemed = await http<{ id: string; status: string }>(stack, 'POST', '/api/v1/parent-portal/links/redeem', {
      token: parent.accessToken,
      body: { code: code.body.code.toLowerCase(), relationship: 'parent' },
    });
    expect(redeemed.status).toBe(201);
    expect(redeemed.body.status).toBe('pending_approval');
    linkId = redeemed.body.id;
    const pending = await http(stack, 'GET', `/api/v1/parent-portal/children/${student.user.id}/overview`, { token: parent.accessToken });
    expect(pending.status).toBe(404);

    const queue = await http<{ items: { id: string }[] }>(stack, 'GET', '/api/v1/parent-portal/links?status=pending_approval', { token: admin.accessToken });
    expect(queue.body.items.map((item) => item.id)).toContain(linkId);
    expect((await http(stack, 'POST', `/api/v1/parent-portal/links/${linkId}/approve`, { token: parent.accessToken, body: {} })).status).toBe(403);
    const approved = await http<{ status: string }>(stack, 'POST', `/api/v1/parent-portal/links/${linkId}/approve`, { token: admin.accessToken, body: { note: 'ID checked' } });
    expect([approved.status, approved.body.status]).toEqual([200, 'active']);

    const children = await http<{ items: { child: { id: string } }[] }>(stack, 'GET', '/api/v1/parent-portal/children', { token: parent.accessToken });
    expect(children.body.items.map((item) => item.child.id)).toEqual([student.user.id]);
    const overview = await http<{ child: { id: string }; courses: { course: { id: string }; teachers: { id: string }[] }[] }>(
      stack,
      'GET',
      `/api/v1/parent-portal/children/${student.user.id}/overview`,
      { token: parent.accessToken },
    );
    expect(overview.status).toBe(200);
    expect(overview.body.child.id).toBe(student.user.id);
    expect(overview.body.courses.find((course) => course.course.id === courseId)!.teachers.map((person) => person.id)).toContain(teacher.user.id);

    const log = await http<{ items: { viewer: { id: string }; resource: string }[] }>(stack, 'GET', '/api/v1/parent-portal/access-log', { token: student.accessToken });
    expect(log.body.items.map((item) => item.resource)).toEqual(['overview', 'dashboard']);
    expect(log.body.items[0]!.viewer.id).toBe(parent.user.id);
  });

  it('an absence alert arrives after the teacher marks the child absent', async () => {
    const startsAt = new Date(Date.now() - 5 * 60_000);
    const created = await http<{ items: { id: string }[] }>(stack, 'POST', '/api/v1/classes/sessions', {
      token: teacher.accessToken,
      body: { courseId, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_000_000).toISOString(), topic: 'Derivatives' },
    });
    expect(created.status).toBe(201);
    const sessionId = created.body.items[0]!.id;
    const marked = await http(stack, 'POST', '/api/v1/attendance/mark', { token: teacher.accessToken, body: { sessionId, studentId: student.user.id, status: 'absent' } });
    expect(marked.status).toBe(200);
    const alerts = await until(async () => {
      const reply = await http<{ items: { type: string; course: { id: string }; subject: { id: string } }[]; unread: number }>(stack, 'GET', '/api/v1/parent-portal/alerts?type=absence_today', {
        token: parent.accessToken,
      });
      return reply.body.items.length > 0 && reply.body;
    });
    expect(alerts.items[0]).toMatchObject({ type: 'absence_today', course: { id: courseId }, subject: { id: sessionId } });
    const read = await http<{ updated: number }>(stack, 'POST', '/api/v1/parent-portal/alerts/read', { token: parent.accessToken, body: { all: true } });
    expect(read.body.updated).toBeGreaterThanOrEqual(1);
    const unread = await http<{ unread: number }>(stack, 'GET', '/api/v1/parent-portal/alerts?unreadOnly=true', { token: parent.accessToken });
    expect(unread.body.unread).toBe(0);
  });

  it('thresholds and digest settings round-trip; invalid input is refused at the edge', async () => {
    const settings = await http<{ isDefault: boolean; lowAttendance: { belowPercent: number } }>(stack, 'GET', `/api/v1/parent-portal/children/${student.user.id}/alert-settings`, {
      token: parent.accessToken,
    });
    expect(settings.body.isDefault).toBe(true);
    const { isDefault: _isDefault, studentId: _studentId, ...body } = settings.body as unknown as Record<string, unknown>;
    const saved = await http<{ lowAttendance: { belowPercent: number }; isDefault: boolean }>(stack, 'PUT', `/api/v1/parent-portal/children/${student.user.id}/alert-settings`, {
      token: parent.accessToken,
      body: { ...body, lowAttendance: { enabled: true, belowPercent: 90 } },
    });
    expect(saved.body).toMatchObject({ lowAttendance: { belowPercent: 90 }, isDefault: false });
    const bad = await http(stack, 'PUT', `/api/v1/parent-portal/children/${student.user.id}/alert-settings`, { token: parent.accessToken, body: { ...body, lowAttendance: { enabled: true, belowPercent: 150 } } });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const digest = await http(stack, 'PUT', '/api/v1/parent-portal/digest-settings', { token: parent.accessToken, body: { weekly: true, daily: true } });
    expect(digest.body).toEqual({ weekly: true, daily: true });
    expect((await http(stack, 'GET', '/api/v1/parent-portal/digest-settings', { token: student.accessToken })).status).toBe(403);
  });

  it('break-ins: another role, no token, a forged child id', async () => {
    expect((await http(stack, 'GET', `/api/v1/parent-portal/children/${student.user.id}/overview`)).status).toBe(401);
    expect((await http(stack, 'GET', `/api/v1/parent-portal/children/${student.user.id}/overview`, { token: teacher.accessToken })).status).toBe(403);
    expect((await http(stack, 'GET', '/api/v1/parent-portal/children/not-a-uuid/overview', { token: parent.accessToken })).status).toBe(400);
    expect((await http(stack, 'GET', `/api/v1/parent-portal/children/${teacher.user.id}/overview`, { token: parent.accessToken })).status).toBe(404);
    expect((await http(stack, 'GET', `/api/v1/parent-portal/access-log?studentId=${student.user.id}`, { token: parent.accessToken })).status).toBe(403);
  });

  it('the student sees the link history; the parent revokes and loses access at once', async () => {
    const history = await http<{ items: { action: string }[] }>(stack, 'GET', `/api/v1/parent-portal/links/${linkId}/history`, { token: student.accessToken });
    expect(history.body.items.map((item) => item.action)).toEqual(['requested', 'approved', 'activated']);
    const revoked = await http<{ status: string }>(stack, 'POST', `/api/v1/parent-portal/links/${linkId}/revoke`, { token: parent.accessToken, body: {} });
    expect(revoked.body.status).toBe('revoked');
    expect((await http(stack, 'GET', `/api/v1/parent-portal/children/${student.user.id}/overview`, { token: parent.accessToken })).status).toBe(404);
  });
});
