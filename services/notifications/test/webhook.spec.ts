import { generateKeyPairSync } from 'node:crypto';
import { webhookRoutes } from '@tec/shared';
import { bootNotifications, deliveriesOf, inAppOf, SERVICE, waitFor, type NotificationsTestService } from './notifications-test-kit';
import { quizGraded } from './support/events';

let service: NotificationsTestService;

beforeAll(async () => {
  service = await bootNotifications();
}, 60_000);

afterAll(async () => {
  await service?.close();
});

function post(signed: { headers: Record<string, string>; body: string }) {
  return service.rpc.call(
    webhookRoutes.sendgrid,
    { provider: 'sendgrid', headers: signed.headers, rawBodyBase64: Buffer.from(signed.body).toString('base64'), receivedAt: new Date().toISOString() },
    SERVICE,
  );
}

async function sentEmail(student: { email: string }) {
  await waitFor(async () => (await deliveriesOf(service, student.email)).length > 0, 10_000, 'queued');
  await service.worker.drain();
  const [row] = await deliveriesOf(service, student.email);
  return row!;
}

const event = (deliveryId: string, email: string, type: string, extra: Record<string, unknown> = {}) => ({
  email, timestamp: Math.floor(Date.now() / 1000), event: type, sg_event_id: `${type}-${deliveryId}-${Math.random()}`, sg_message_id: 'm', delivery_id: deliveryId, ...extra,
});

describe('SendGrid Event Webhook', () => {
  it('accepts a validly signed batch and moves the status sent → delivered → opened, with analytics', async () => {
    const student = await service.core.student();
    await quizGraded(service, student);
    const row = await sentEmail(student);
    const ack = await post(service.fake.signWebhook([event(row.id, student.email, 'processed'), event(row.id, student.email, 'delivered'), event(row.id, student.email, 'open'), event(row.id, student.email, 'open')]));
    expect(ack.status).toBe(200);
    expect((await deliveriesOf(service, student.email))[0]!.status).toBe('opened');
    const [day] = await service.dataSource.query(`SELECT sent, delivered, opened FROM "notifications"."analytics_daily" WHERE template_name = 'quiz_graded'`);
    expect(day).toMatchObject({ delivered: 1, opened: 1 });
    // An out-of-order "delivered" after "opened" does not move the status back.
    await post(service.fake.signWebhook([event(row.id, student.email, 'delivered')]));
    expect((await deliveriesOf(service, student.email))[0]!.status).toBe('opened');
  });

  it('refuses a forged signature, a missing one and a stale timestamp', async () => {
    const student = await service.core.student();
    await quizGraded(service, student);
    const row = await sentEmail(student);
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    expect((await post(service.fake.signWebhook([event(row.id, student.email, 'delivered')], { key: other.privateKey }))).status).toBe(403);
    const tampered = service.fake.signWebhook([event(row.id, student.email, 'delivered')]);
    expect((await post({ ...tampered, body: tampered.body.replace('delivered', 'bounce') })).status).toBe(403);
    expect((await post({ headers: {}, body: '[]' })).status).toBe(401);
    const stale = service.fake.signWebhook([event(row.id, student.email, 'delivered')], { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect((await post(stale)).status).toBe(403);
    expect((await deliveriesOf(service, student.email))[0]!.status).toBe('sent');
  });

  it('applies a duplicate sg_event_id once', async () => {
    const student = await service.core.student();
    await quizGraded(service, student);
    const row = await sentEmail(student);
    const click = event(row.id, student.email, 'click', { url: 'https://x.test' });
    await post(service.fake.signWebhook([click]));
    const again = await post(service.fake.signWebhook([click, click]));
    expect(again.body).toMatchObject({ received: 2, applied: 0 });
    const timeline = await service.dataSource.query(`SELECT type FROM "notifications"."delivery_events" WHERE delivery_id = $1 AND type = 'clicked'`, [row.id]);
    expect(timeline).toHaveLength(1);
  });

  it('a hard bounce suppresses the address; a bounced guardian is a dead contact for admins and falls back to in-app', async () => {
    const admin = await service.core.admin();
    const parent = await service.core.parent({ firstName: 'Maria' });
    await waitFor(async () => (await service.dataSource.query(`SELECT 1 FROM "notifications"."users" WHERE id = $1`, [admin.id])).length > 0, 10_000, 'admin read model');
    await quizGraded(service, parent);
    const row = await sentEmail(parent);
    await post(service.fake.signWebhook([event(row.id, parent.email, 'bounce', { type: 'bounce', reason: '550 5.1.1 mailbox does not exist' })]));
    expect((await deliveriesOf(service, parent.email))[0]).toMatchObject({ status: 'bounced', error_code: 'BOUNCE' });
    const admins = await inAppOf(service, admin.id);
    expect(admins.map((item) => item.title)).toContain('Dead contact: Maria ' + parent.lastName);
    const events = await service.dataSource.query(`SELECT subject FROM "notifications"."outbox" WHERE subject = 'notifications.v1.contact_undeliverable'`);
    expect(events.length).toBeGreaterThanOrEqual(1);
    // The next notification does not go to the dead address.
    service.fake.reset();
    await quizGraded(service, parent, { quizName: 'Second quiz' });
    await waitFor(async () => (await deliveriesOf(service, parent.email)).length === 2, 10_000, 'second');
    await service.worker.drain();
    expect(service.fake.emailsTo(parent.email)).toHaveLength(0);
    expect((await deliveriesOf(service, parent.email))[1]!.status).toBe('suppressed');
  });
});
