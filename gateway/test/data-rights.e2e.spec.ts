import { randomBytes, randomUUID } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { bootTestService, waitFor } from '@tec/shared/testing';
import { buildServiceModule as buildAttendance } from '../../services/attendance/src/app.module';
import { attendanceConfigShape } from '../../services/attendance/src/config';
import { attendanceEntities } from '../../services/attendance/src/entities';
import { attendanceMigrations } from '../../services/attendance/src/migrations';
import { buildServiceModule as buildChat } from '../../services/chat/src/app.module';
import { chatConfigShape } from '../../services/chat/src/config';
import { chatEntities } from '../../services/chat/src/entities';
import { chatMigrations } from '../../services/chat/src/migrations';
import { buildServiceModule as buildLiveClasses } from '../../services/live-classes/src/app.module';
import { liveClassesConfigShape } from '../../services/live-classes/src/config';
import { liveClassesEntities } from '../../services/live-classes/src/entities';
import { liveClassesMigrations } from '../../services/live-classes/src/migrations';
import { buildServiceModule as buildNotifications } from '../../services/notifications/src/app.module';
import { notificationsConfigShape } from '../../services/notifications/src/config';
import { notificationsEntities } from '../../services/notifications/src/entities';
import { notificationsMigrations } from '../../services/notifications/src/migrations';
import { buildServiceModule as buildPortal } from '../../services/parent-portal/src/app.module';
import { parentPortalConfigShape } from '../../services/parent-portal/src/config';
import { parentPortalEntities } from '../../services/parent-portal/src/entities';
import { parentPortalMigrations } from '../../services/parent-portal/src/migrations';
import { DEMO_PASSWORD, http, login, startStack, type Stack } from './harness';

type Session = Awaited<ReturnType<typeof login>>;

/** Reads a ZIP through its central directory (stored or deflated entries): enough to check what we wrote. */
function readZip(zip: Buffer): Map<string, string> {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error('not a zip');
  const entries = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const files = new Map<string, string>();
  for (let index = 0; index < entries; index += 1) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error('bad central directory');
    const method = zip.readUInt16LE(offset + 10);
    const size = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const local = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    files.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** Six services in one process: small pools keep the test within Postgres' connection limit on a shared machine. */
const SMALL_POOL = { DATABASE_POOL_SIZE: '4' };

let stack: Stack;
let admin: Session;
let teacher: Session;
let student: Session;
let courseId: string;
let conversationId: string;

const db = (service: string) => stack.services[service]!.db.dataSource;

beforeAll(async () => {
  stack = await startStack({
    services: {
      notifications: ({ nats }) =>
        bootTestService({ nats, schema: 'notifications', entities: notificationsEntities, migrations: notificationsMigrations, configShape: notificationsConfigShape, buildModule: (config) => buildNotifications(config), env: { ...SMALL_POOL, EMAIL_PROVIDER: 'console', NOTIFICATION_WORKERS: 'false', DIGEST_SCAN_SECONDS: '0', EMAIL_RETENTION_JOB_SECONDS: '0' } }),
      attendance: ({ nats }) =>
        bootTestService({ nats, schema: 'attendance', entities: attendanceEntities, migrations: attendanceMigrations, configShape: attendanceConfigShape, buildModule: (config) => buildAttendance(config), env: { ...SMALL_POOL, ATTENDANCE_JOB_INTERVAL_SECONDS: '0', ATTENDANCE_EVIDENCE_DIR: `/tmp/attendance-dr-e2e-${process.pid}` } }),
      chat: ({ nats }) =>
        bootTestService({ nats, schema: 'chat', entities: chatEntities, migrations: chatMigrations, configShape: chatConfigShape, buildModule: (config) => buildChat(config), env: { ...SMALL_POOL, CHAT_JOB_INTERVAL_SECONDS: '0', CHAT_POLICY_CACHE_MS: '0', CHAT_RETENTION_JOB_SECONDS: '0', CHAT_ATTACHMENTS_DIR: `/tmp/chat-dr-e2e-${process.pid}` } }),
      'live-classes': ({ nats }) =>
        bootTestService({ nats, schema: 'live_classes', entities: liveClassesEntities, migrations: liveClassesMigrations, configShape: liveClassesConfigShape, buildModule: (config) => buildLiveClasses(config), env: { ...SMALL_POOL, LIVE_CLASSES_JOB_INTERVAL_SECONDS: '0', LIVE_CLASSES_PROVIDER: 'development' } }),
      'parent-portal': ({ nats }) =>
        bootTestService({ nats, schema: 'parent_portal', entities: parentPortalEntities, migrations: parentPortalMigrations, configShape: parentPortalConfigShape, buildModule: (config) => buildPortal(config), env: { ...SMALL_POOL, PARENT_PORTAL_JOB_INTERVAL_SECONDS: '0', PARENT_PORTAL_CHAT_TIMEOUT_MS: '200' } }),
    },
  });
  [admin, teacher, student] = await Promise.all(['admin', 'teacher', 'student'].map((role) => login(stack, `${role}@tec.example`)));
  const courses = await http<{ items: { id: string; teachers: { id: string }[] }[] }>(stack, 'GET', '/api/v1/courses', { token: student.accessToken });
  courseId = courses.body.items.find((course) => course.teachers.some((person) => person.id === teacher.user.id))!.id;
  // Every read model has the student from core's seed events.
  await waitFor(async () => {
    for (const [service, schema] of [['notifications', 'notifications'], ['attendance', 'attendance'], ['chat', 'chat'], ['live-classes', 'live_classes'], ['parent-portal', 'parent_portal']] as const) {
      if (!(await db(service).query(`SELECT 1 FROM "${schema}"."users" WHERE id = $1`, [student.user.id])).length) return false;
    }
    const member = await db('chat').query(
      `SELECT 1 FROM "chat"."conversations" c JOIN "chat"."participants" p ON p.conversation_id = c.id AND p.user_id = $2 AND p.left_at IS NULL WHERE c.course_id = $1 AND c.kind = 'course'`,
      [courseId, student.user.id],
    );
    return member.length > 0;
  }, 60_000, 'read models');
  // Data about the student in several services: a chat message (through the API), an in-app notification and a
  // QR check-in record with its location.
  const conversations = await http<{ items: { id: string }[] }>(stack, 'GET', `/api/v1/messages/conversations?kind=course&courseId=${courseId}`, { token: student.accessToken });
  conversationId = conversations.body.items[0]!.id;
  const sent = await http(stack, 'POST', `/api/v1/messages/conversations/${conversationId}/messages`, { token: student.accessToken, body: { body: 'hello from the student' } });
  expect(sent.status).toBe(201);
  await db('notifications').query(`INSERT INTO "notifications"."notifications" (id, user_id, category, title, body, dedupe_key) VALUES ($1, $2, 'grades', 'Grade posted', 'You got 9/10', $3)`, [randomUUID(), student.user.id, randomUUID()]);
  const [session] = await db('attendance').query<{ id: string }[]>(
    `INSERT INTO "attendance"."sessions" (id, course_id, starts_at, ends_at, checkin_opens_at, late_after, checkin_closes_at, qr_secret, topic)
     VALUES ($1, $2, now() - interval '1 hour', now(), now() - interval '70 minutes', now() - interval '50 minutes', now(), $3, 'Data rights') RETURNING id`,
    [randomUUID(), courseId, randomBytes(32)],
  );
  await db('attendance').query(
    `INSERT INTO "attendance"."records" (id, session_id, course_id, student_id, session_starts_at, status, method, checked_in_at, latitude, longitude, device_hash)
     VALUES ($1, $2, $3, $4, now() - interval '1 hour', 'present', 'qr_code', now() - interval '55 minutes', 40.4, -3.7, 'device-1')`,
    [randomUUID(), session!.id, courseId, student.user.id],
  );
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

describe('data rights through the gateway', () => {
  it('an admin exports a user as one ZIP: a manifest and one JSON per service with that user\'s data', async () => {
    const response = await fetch(`${stack.url}/api/v1/admin/users/${student.user.id}/export`, { headers: { authorization: `Bearer ${admin.accessToken}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toContain(`user-${student.user.id}-export.zip`);
    const files = readZip(Buffer.from(await response.arrayBuffer()));
    expect([...files.keys()].sort()).toEqual(['attendance.json', 'chat.json', 'core.json', 'live-classes.json', 'manifest.json', 'notifications.json', 'parent-portal.json']);
    const manifest = JSON.parse(files.get('manifest.json')!) as { userId: string; requestedBy: string; services: { service: string; counts: Record<string, number> }[] };
    expect(manifest).toMatchObject({ userId: student.user.id, requestedBy: admin.user.id });
    expect(manifest.services.map((entry) => entry.service).sort()).toEqual(['attendance', 'chat', 'core', 'live-classes', 'notifications', 'parent-portal']);
    const part = (service: string) => JSON.parse(files.get(`${service}.json`)!) as { service: string; sections: Record<string, Record<string, unknown>[]> };
    expect(part('core').sections.account).toEqual([expect.objectContaining({ id: student.user.id, email: 'student@tec.example' })]);
    expect(part('core').sections.account![0]).not.toHaveProperty('passwordHash');
    expect(part('chat').sections.messages!.map((row) => row.body)).toEqual(['hello from the student']);
    expect(part('notifications').sections.notifications).toContainEqual(expect.objectContaining({ title: 'Grade posted', body: 'You got 9/10' }));
    expect(part('attendance').sections.records).toEqual([expect.objectContaining({ status: 'present', latitude: 40.4 })]);
    expect(manifest.services.find((entry) => entry.service === 'chat')!.counts.messages).toBe(1);
    // The export is on the audit trail.
    const audit = await stack.core.db.dataSource.query(`SELECT actor_id FROM "core"."data_rights_requests" WHERE user_id = $1 AND kind = 'export'`, [student.user.id]);
    expect(audit).toEqual([{ actor_id: admin.user.id }]);
  });

  it('refuses everyone but admins, and unknown users', async () => {
    for (const session of [teacher, student]) {
      expect((await http(stack, 'GET', `/api/v1/admin/users/${student.user.id}/export`, { token: session.accessToken })).status).toBe(403);
      expect((await http(stack, 'POST', `/api/v1/admin/users/${student.user.id}/erasure`, { token: session.accessToken, body: { reason: 'I want to' } })).status).toBe(403);
      expect((await http(stack, 'GET', `/api/v1/admin/users/${student.user.id}/erasures`, { token: session.accessToken })).status).toBe(403);
    }
    expect((await http(stack, 'GET', `/api/v1/admin/users/${student.user.id}/export`)).status).toBe(401);
    expect((await http(stack, 'GET', `/api/v1/admin/users/${randomUUID()}/export`, { token: admin.accessToken })).status).toBe(404);
    expect((await http(stack, 'POST', `/api/v1/admin/users/${admin.user.id}/erasure`, { token: admin.accessToken, body: { reason: 'Erase myself please' } })).status).toBe(400);
    expect((await http(stack, 'POST', `/api/v1/admin/users/${student.user.id}/erasure`, { token: admin.accessToken, body: { reason: '' } })).status).toBe(400);
  });

  it('erases a user across services through the event: audit row kept, every service confirms, the status completes', async () => {
    const reply = await http<{ id: string; status: string; services: { service: string; status: string }[] }>(stack, 'POST', `/api/v1/admin/users/${student.user.id}/erasure`, {
      token: admin.accessToken,
      body: { reason: 'Parent request under Art. 17, ticket 42' },
    });
    expect(reply.status).toBe(202);
    expect(reply.body.services.find((entry) => entry.service === 'core')).toMatchObject({ status: 'done' });
    const again = await http<{ id: string }>(stack, 'POST', `/api/v1/admin/users/${student.user.id}/erasure`, { token: admin.accessToken, body: { reason: 'Asked twice' } });
    expect(again.body.id).toBe(reply.body.id);

    let last = '';
    const status = await waitFor(
      async () => {
        const list = await http<{ items: { status: string; reason: string; requestedBy: string; services: { service: string; status: string; summary: Record<string, number> }[] }[] }>(stack, 'GET', `/api/v1/admin/users/${student.user.id}/erasures`, { token: admin.accessToken });
        // Polled gently: the per-user rate limit applies to admins too.
        await new Promise((resolve) => setTimeout(resolve, 250));
        last = JSON.stringify(list.body);
        return list.status === 200 && list.body.items[0]?.status === 'completed' ? list.body.items[0] : null;
      },
      45_000,
      'every service to confirm',
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}; last status ${last}`);
    });
    expect(status).toMatchObject({ reason: 'Parent request under Art. 17, ticket 42', requestedBy: admin.user.id });
    expect(status.services.map((entry) => entry.service).sort()).toEqual(['attendance', 'chat', 'core', 'live-classes', 'notifications', 'parent-portal']);
    expect(status.services.every((entry) => entry.status === 'done')).toBe(true);
    expect(status.services.find((entry) => entry.service === 'chat')!.summary.messagesRedacted).toBe(1);

    // Core: the account is de-identified and cannot sign in; the audit row is kept.
    const [account] = await stack.core.db.dataSource.query(`SELECT email, first_name, active, password_hash FROM "core"."users" WHERE id = $1`, [student.user.id]);
    expect(account).toMatchObject({ first_name: 'Deleted', active: false, password_hash: null });
    const signIn = await http(stack, 'POST', '/api/v1/auth/login', { body: { email: 'student@tec.example', password: DEMO_PASSWORD } });
    expect(signIn.status).toBe(401);
    expect(await stack.core.db.dataSource.query(`SELECT kind FROM "core"."data_rights_requests" WHERE user_id = $1 ORDER BY requested_at`, [student.user.id])).toEqual([{ kind: 'export' }, { kind: 'erasure' }]);
    // Chat: the message is a "Deleted user" entry without text. Notifications: gone. Attendance: kept, de-identified.
    expect(await db('chat').query(`SELECT body FROM "chat"."messages" WHERE sender_id = $1`, [student.user.id])).toEqual([{ body: '' }]);
    expect(await db('notifications').query(`SELECT 1 FROM "notifications"."notifications" WHERE user_id = $1`, [student.user.id])).toEqual([]);
    expect(await db('attendance').query(`SELECT status, latitude, device_hash FROM "attendance"."records" WHERE student_id = $1`, [student.user.id])).toEqual([{ status: 'present', latitude: null, device_hash: null }]);
    for (const [service, schema] of [['notifications', 'notifications'], ['attendance', 'attendance'], ['chat', 'chat'], ['live-classes', 'live_classes'], ['parent-portal', 'parent_portal']] as const) {
      const [row] = await db(service).query(`SELECT email, first_name FROM "${schema}"."users" WHERE id = $1`, [student.user.id]);
      expect(row).toEqual({ email: `erased-${student.user.id}@erased.invalid`, first_name: 'Deleted' });
    }
  }, 60_000);

  it('never sends a partial archive: a service that does not answer fails the export with its name', async () => {
    const liveClasses = stack.services['live-classes']!;
    await liveClasses.close();
    delete stack.services['live-classes'];
    const reply = await http<{ code: string; details: { failed: { service: string }[] } }>(stack, 'GET', `/api/v1/admin/users/${teacher.user.id}/export`, { token: admin.accessToken });
    expect(reply.status).toBe(503);
    expect(reply.body.code).toBe('SERVICE_UNAVAILABLE');
    expect(reply.body.details.failed.map((entry) => entry.service)).toEqual(['live-classes']);
    expect(reply.headers.get('content-type')).toContain('application/json');
  }, 30_000);
});
