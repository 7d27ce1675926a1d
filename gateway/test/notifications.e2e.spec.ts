import { io, type Socket } from 'socket.io-client';
import { bootTestService } from '@tec/shared/testing';
import { buildServiceModule } from '../../services/notifications/src/app.module';
import { notificationsConfigShape } from '../../services/notifications/src/config';
import { notificationsEntities } from '../../services/notifications/src/entities';
import { notificationsMigrations } from '../../services/notifications/src/migrations';
import { SendGridFake } from '../../services/notifications/test/support/sendgrid-fake';
import { ALLOWED_ORIGIN, http, login, startStack, type Stack } from './harness';

let stack: Stack;
let fake: SendGridFake;
const sockets: Socket[] = [];
let admin: { accessToken: string; user: { id: string } };
let student: { accessToken: string; user: { id: string } };
let teacher: { accessToken: string; user: { id: string } };

async function eventually<T>(probe: () => Promise<T | null | undefined | false>, label: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  fake = await new SendGridFake().start();
  stack = await startStack({
    services: {
      notifications: ({ nats }) =>
        bootTestService({
          nats,
          schema: 'notifications',
          entities: notificationsEntities,
          migrations: notificationsMigrations,
          configShape: notificationsConfigShape,
          buildModule: (config) => buildServiceModule(config),
          env: {
            SENDGRID_API_KEY: 'SG.test-key',
            SENDGRID_BASE_URL: fake.url,
            SENDGRID_WEBHOOK_PUBLIC_KEY: fake.webhookPublicKey,
            EMAIL_WORKER_POLL_MS: '200',
            DIGEST_SCAN_SECONDS: '0',
          },
        }),
    },
  });
  admin = await login(stack, 'admin@tec.example');
  student = await login(stack, 'student@tec.example');
  teacher = await login(stack, 'teacher@tec.example');
}, 180_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await stack?.close();
  await fake?.stop();
});

async function recordQuiz(quizName: string): Promise<void> {
  const courses = await http<{ items: { id: string }[] }>(stack, 'GET', '/api/v1/courses', { token: student.accessToken });
  const reply = await http(stack, 'POST', '/api/v1/quiz-results', {
    token: admin.accessToken,
    body: { courseId: courses.body.items[0]!.id, studentId: student.user.id, quizId: quizName, quizName, score: 9, totalPoints: 10 },
  });
  expect(reply.status).toBe(201);
}

describe('notifications through the gateway, with the real core behind it', () => {
  it('a student sees a notification arrive live with the unread count, lists it and marks it read; nobody else can', async () => {
    const socket = io(stack.url, { path: '/socket.io', transports: ['websocket'], auth: { token: student.accessToken }, extraHeaders: { origin: ALLOWED_ORIGIN }, reconnection: false, forceNew: true });
    sockets.push(socket);
    await new Promise((resolve) => socket.once('session_ready', resolve));
    const live = new Promise<{ id: string; title: string; unreadCount: number }>((resolve) => socket.on('notification', (data) => data.title.includes('Live quiz') && resolve(data)));
    await recordQuiz('Live quiz');
    const pushed = await live;
    expect(pushed.unreadCount).toBeGreaterThanOrEqual(1);

    const list = await http<{ items: { id: string; title: string; readAt: string | null }[]; unreadCount: number }>(stack, 'GET', '/api/v1/notifications?limit=10', { token: student.accessToken });
    expect(list.status).toBe(200);
    expect(list.body.items.map((item) => item.id)).toContain(pushed.id);

    // Another user can neither read nor mark it: the service scopes by the caller, and says NOT_FOUND.
    const teachers = await http<{ items: { id: string }[] }>(stack, 'GET', '/api/v1/notifications', { token: teacher.accessToken });
    expect(teachers.body.items.map((item) => item.id)).not.toContain(pushed.id);
    const foreign = await http(stack, 'POST', `/api/v1/notifications/${pushed.id}/read`, { token: teacher.accessToken });
    expect(foreign.status).toBe(404);

    const read = await http<{ updated: number; unreadCount: number }>(stack, 'POST', `/api/v1/notifications/${pushed.id}/read`, { token: student.accessToken });
    expect(read.status).toBe(200);
    expect(read.body.updated).toBe(1);
    expect(read.body.unreadCount).toBe(pushed.unreadCount - 1);
    const all = await http<{ unreadCount: number }>(stack, 'POST', '/api/v1/notifications/read-all', { token: student.accessToken });
    expect(all.body.unreadCount).toBe(0);

    // And the email went out through the worker to SendGrid (the fake), with no trigger.
    await eventually(async () => fake.emails.find((email) => email.subject === 'Your quiz Live quiz has been graded'), 'email sent');
  });

  it('refuses non-admins the email admin endpoints, and anonymous callers everything but the signed link', async () => {
    expect((await http(stack, 'GET', '/api/v1/email/templates', { token: student.accessToken })).status).toBe(403);
    const edit = await http(stack, 'PUT', '/api/v1/email/templates/quiz_graded', { token: teacher.accessToken, body: { subject: 'pwned', html: '<p>x</p>', text: 'x' } });
    expect(edit.status).toBe(403);
    expect((await http(stack, 'GET', '/api/v1/email/deliveries', { token: student.accessToken })).status).toBe(403);
    expect((await http(stack, 'GET', '/api/v1/notifications')).status).toBe(401);
    expect((await http(stack, 'GET', '/api/v1/email/process-queue', { token: admin.accessToken })).status).toBe(401);
    const internal = await http(stack, 'GET', '/api/v1/email/process-queue', { headers: { 'x-api-key': stack.config.INTERNAL_API_SECRET } });
    expect(internal.status).toBe(200);
    const forgedLink = await http<{ code: string }>(stack, 'GET', '/api/v1/notifications/unsubscribe?token=aaaaaaaaaaaa.bbbbbbbbbbbb');
    expect(forgedLink.status).toBe(401);
    expect(forgedLink.body.code).toBe('TOKEN_INVALID');
  });

  it('lets an admin edit a template, preview it safely, send a test and follow it in the log; analytics and stats answer', async () => {
    const list = await http<{ items: { name: string; version: number }[] }>(stack, 'GET', '/api/v1/email/templates', { token: admin.accessToken });
    expect(list.body.items.map((item) => item.name)).toEqual(expect.arrayContaining(['forum_reply', 'certificate_issued', 'quiz_graded', 'path_milestone', 'attendance_alert', 'live_class_starts', 'absence_notice', 'parent_alert', 'link_request', 'digest', 'message_digest']));
    const current = list.body.items.find((item) => item.name === 'test_email')!;
    const saved = await http<{ version: number }>(stack, 'PUT', '/api/v1/email/templates/test_email', {
      token: admin.accessToken,
      body: { subject: 'Hello {{recipient_name}}', html: '<p>Hello {{recipient_name}}!</p>', text: 'Hello {{recipient_name}}!', expectedVersion: current.version },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(current.version + 1);
    const stale = await http(stack, 'PUT', '/api/v1/email/templates/test_email', { token: admin.accessToken, body: { subject: 'x', html: 'x', text: 'x', expectedVersion: current.version } });
    expect(stale.status).toBe(409);

    const preview = await http<{ html: string; subject: string }>(stack, 'POST', '/api/v1/email/templates/test_email/preview', { token: admin.accessToken, body: { data: { recipient_name: '<script>x</script>' } } });
    expect(preview.body.html).toContain('Hello &lt;script&gt;x&lt;/script&gt;!');

    const test = await http<{ deliveryId: string; status: string }>(stack, 'POST', '/api/v1/email/templates/test_email/test', { token: admin.accessToken, body: { to: 'ops@tec.example' } });
    expect(test.status).toBe(202);
    const detail = await eventually(async () => {
      const reply = await http<{ status: string; timeline: { type: string }[] }>(stack, 'GET', `/api/v1/email/deliveries/${test.body.deliveryId}`, { token: admin.accessToken });
      return reply.body.status === 'sent' ? reply.body : null;
    }, 'test email sent');
    expect(detail.timeline.map((entry) => entry.type)).toEqual(['queued', 'sent']);
    expect(fake.emailsTo('ops@tec.example')[0]?.subject).toMatch(/^Hello /);

    // The Event Webhook through the gateway's intake: signed → applied; forged → 403.
    const signed = fake.signWebhook([{ email: 'ops@tec.example', event: 'delivered', sg_event_id: 'e2e-1', delivery_id: test.body.deliveryId, timestamp: Math.floor(Date.now() / 1000) }]);
    const hook = await http(stack, 'POST', '/api/v1/webhooks/sendgrid', { headers: signed.headers, rawBody: signed.body });
    expect(hook.status).toBe(200);
    const forged = await http(stack, 'POST', '/api/v1/webhooks/sendgrid', { headers: signed.headers, rawBody: signed.body.replace('delivered', 'bounce') });
    expect(forged.status).toBe(403);
    const after = await http<{ status: string }>(stack, 'GET', `/api/v1/email/deliveries/${test.body.deliveryId}`, { token: admin.accessToken });
    expect(after.body.status).toBe('delivered');

    const analytics = await http<{ days: unknown[]; templates: { templateName: string; sent: number; delivered: number }[] }>(stack, 'GET', '/api/v1/email/analytics', { token: admin.accessToken });
    expect(analytics.body.days).toHaveLength(30);
    expect(analytics.body.templates.find((row) => row.templateName === 'test_email')).toMatchObject({ sent: 1, delivered: 1 });
    const stats = await http<{ pending: number; sentToday: number }>(stack, 'GET', '/api/v1/email/queue-stats', { token: admin.accessToken });
    expect(stats.body.sentToday).toBeGreaterThanOrEqual(2);
    const search = await http<{ items: { recipientEmail: string }[] }>(stack, 'GET', '/api/v1/email/deliveries?search=ops%40tec', { token: admin.accessToken });
    expect(search.body.items.map((item) => item.recipientEmail)).toEqual(['ops@tec.example']);
  });

  it('keeps preferences per user and refuses to turn off a critical category', async () => {
    const off = await http(stack, 'PUT', '/api/v1/notifications/preferences', { token: student.accessToken, body: { preferences: [{ category: 'security', channel: 'email', mode: 'off' }] } });
    expect(off.status).toBe(403);
    const ok = await http<{ preferences: { category: string; channel: string; mode: string }[] }>(stack, 'PUT', '/api/v1/notifications/preferences', { token: student.accessToken, body: { preferences: [{ category: 'forum', channel: 'email', mode: 'weekly_digest' }] } });
    expect(ok.body.preferences.find((cell) => cell.category === 'forum' && cell.channel === 'email')?.mode).toBe('weekly_digest');
    const teachers = await http<{ preferences: { category: string; channel: string; mode: string }[] }>(stack, 'GET', '/api/v1/notifications/preferences', { token: teacher.accessToken });
    expect(teachers.body.preferences.find((cell) => cell.category === 'forum' && cell.channel === 'email')?.mode).toBe('immediately');
  });
});
