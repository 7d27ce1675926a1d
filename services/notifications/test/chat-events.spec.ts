import { randomUUID } from 'node:crypto';
import { chatEvents, notificationsRpc } from '@tec/shared';
import { publishTestEvent } from '@tec/shared/testing';
import { as, bootNotifications, deliveriesOf, inAppOf, waitFor, type NotificationsTestService } from './notifications-test-kit';

let service: NotificationsTestService;

beforeAll(async () => {
  service = await bootNotifications();
}, 60_000);

afterAll(async () => {
  await service?.close();
});

describe('chat events', () => {
  it('an unread reminder becomes the message_digest email (for someone who wants message emails at once) and a bell entry; a redelivery sends nothing twice', async () => {
    const student = await service.core.student({ firstName: 'Ana' });
    await waitFor(async () => (await service.dataSource.query(`SELECT 1 FROM "notifications"."users" WHERE id = $1`, [student.id])).length > 0, 10_000, 'recipient');
    await service.rpc.call(notificationsRpc.preferencesUpdate, { preferences: [{ category: 'messages', channel: 'email', mode: 'immediately' }] }, as(student));
    const teacher = { id: randomUUID(), firstName: 'Laura', lastName: 'Rivera', role: 'teacher' };
    const payload = {
      recipient: student,
      totalUnread: 3,
      conversations: [
        { id: randomUUID(), kind: 'direct' as const, title: 'Laura Rivera', unread: 2, lastSender: teacher, preview: 'See you at 9 <b>sharp</b>', lastMessageAt: new Date().toISOString() },
        { id: randomUUID(), kind: 'course' as const, title: 'Biology 12', unread: 1, lastSender: teacher, preview: '', lastMessageAt: new Date().toISOString() },
      ],
      link: '/messages',
      remindedAt: new Date().toISOString(),
    };
    const eventId = randomUUID();
    await publishTestEvent(service.nats, service.prefix, chatEvents.unreadReminder, payload, { producer: 'chat', id: eventId });
    await waitFor(async () => (await deliveriesOf(service, student.email)).length > 0, 10_000, 'queued');
    await service.worker.drain();
    const [email] = service.fake.emailsTo(student.email);
    expect(email?.subject).toBe('You have 3 unread messages');
    expect(email?.text).toContain('Laura Rivera: See you at 9 <b>sharp</b>');
    expect(email?.html).toContain('See you at 9 &lt;b&gt;sharp&lt;/b&gt;');
    expect(email?.text).toContain('(attachment)');
    expect((await inAppOf(service, student.id))[0]).toMatchObject({ title: '3 unread messages' });
    // JetStream redelivery of the same event id (or a re-publish) changes nothing.
    await publishTestEvent(service.nats, service.prefix, chatEvents.unreadReminder, payload, { producer: 'chat', id: eventId });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await deliveriesOf(service, student.email)).toHaveLength(1);
  }, 30_000);

  it('by default (message emails in the daily digest) the reminder waits for the digest instead of mailing at once', async () => {
    const student = await service.core.student();
    const teacher = { id: randomUUID(), firstName: 'Laura', lastName: 'Rivera', role: 'teacher' };
    await publishTestEvent(
      service.nats,
      service.prefix,
      chatEvents.unreadReminder,
      { recipient: student, totalUnread: 1, conversations: [{ id: randomUUID(), kind: 'direct', title: 'Laura Rivera', unread: 1, lastSender: teacher, preview: 'Hi', lastMessageAt: new Date().toISOString() }], link: '/messages', remindedAt: new Date().toISOString() },
      { producer: 'chat' },
    );
    await waitFor(async () => (await inAppOf(service, student.id)).length === 1, 10_000, 'in-app');
    const digest = await service.dataSource.query(`SELECT 1 FROM "notifications"."digest_items" WHERE user_id = $1 AND channel = 'email'`, [student.id]);
    expect(digest).toHaveLength(1);
    expect(await deliveriesOf(service, student.email)).toHaveLength(0);
  }, 30_000);

  it('a mention is an in-app note for each mentioned person, with no email', async () => {
    const [first, second] = [await service.core.student(), await service.core.student()];
    await publishTestEvent(
      service.nats,
      service.prefix,
      chatEvents.mentioned,
      {
        messageId: randomUUID(),
        conversation: { id: randomUUID(), kind: 'course', title: 'Physics 12', courseId: randomUUID() },
        sender: { id: randomUUID(), firstName: 'Marco', lastName: 'Diaz', role: 'teacher' },
        mentioned: [first, second],
        preview: 'Lab reports due Friday',
        link: '/messages/abc',
        sentAt: new Date().toISOString(),
      },
      { producer: 'chat' },
    );
    await waitFor(async () => (await inAppOf(service, second.id)).length === 1, 10_000, 'in-app');
    expect((await inAppOf(service, first.id))[0]).toMatchObject({ title: 'Marco Diaz mentioned you in Physics 12' });
    expect(await deliveriesOf(service, first.email)).toHaveLength(0);
  }, 30_000);
});
