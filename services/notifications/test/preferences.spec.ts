import { notificationsRpc } from '@tec/shared';
import { as, bootNotifications, codeOf, deliveriesOf, inAppOf, waitFor, type NotificationsTestService } from './notifications-test-kit';
import { quizGraded } from './support/events';
import { dueDigestKey } from '../src/digests/digest.scheduler';

let service: NotificationsTestService;

beforeAll(async () => {
  service = await bootNotifications({ DIGEST_HOUR: '7' });
}, 60_000);

afterAll(async () => {
  await service?.close();
});

const known = (userId: string) =>
  waitFor(async () => (await service.dataSource.query(`SELECT 1 FROM "notifications"."users" WHERE id = $1`, [userId])).length > 0, 10_000, 'read model');

describe('preferences, locked categories, quiet hours and digests', () => {
  it('turns email off for a category and keeps in-app', async () => {
    const student = await service.core.student();
    await known(student.id);
    const view = await service.rpc.call(notificationsRpc.preferencesUpdate, { preferences: [{ category: 'grades', channel: 'email', mode: 'off' }] }, as(student));
    expect(view.preferences.find((cell) => cell.category === 'grades' && cell.channel === 'email')?.mode).toBe('off');
    await quizGraded(service, student);
    await waitFor(async () => (await inAppOf(service, student.id)).length === 1, 10_000, 'in-app');
    expect(await deliveriesOf(service, student.email)).toHaveLength(0);
  });

  it('refuses to turn off or batch a locked (critical) category', async () => {
    const parent = await service.core.parent();
    expect(await codeOf(service.rpc.call(notificationsRpc.preferencesUpdate, { preferences: [{ category: 'absence', channel: 'email', mode: 'off' }] }, as(parent)))).toBe('FORBIDDEN');
    expect(await codeOf(service.rpc.call(notificationsRpc.preferencesUpdate, { preferences: [{ category: 'security', channel: 'in_app', mode: 'weekly_digest' }] }, as(parent)))).toBe('FORBIDDEN');
    const view = await service.rpc.call(notificationsRpc.preferencesGet, {}, as(parent));
    expect(view.preferences.filter((cell) => cell.locked).every((cell) => cell.mode === 'immediately')).toBe(true);
  });

  it('holds a non-critical email until quiet hours end in the user timezone, and marks the in-app one silent', async () => {
    const student = await service.core.student({ timezone: 'Asia/Tokyo' });
    await known(student.id);
    const tokyoHour = Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Tokyo', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
    const start = `${String(tokyoHour).padStart(2, '0')}:00`;
    const end = `${String((tokyoHour + 2) % 24).padStart(2, '0')}:00`;
    await service.rpc.call(notificationsRpc.quietHoursUpdate, { enabled: true, start, end }, as(student));
    await quizGraded(service, student);
    const [row] = await waitFor(async () => {
      const rows = await deliveriesOf(service, student.email);
      return rows.length ? rows : null;
    }, 10_000, 'queued');
    expect(row!.status).toBe('pending');
    expect(row!.next_attempt_at!.getTime()).toBeGreaterThan(Date.now() + 55 * 60_000);
    await service.worker.drain();
    expect(service.fake.emailsTo(student.email)).toHaveLength(0);
    expect((await inAppOf(service, student.id))[0]?.silent).toBe(true);
  });

  it('computes digest times in the user zone', () => {
    const at = new Date('2026-03-02T06:30:00Z'); // Monday: 07:30 in Madrid, 01:30 in New York
    expect(dueDigestKey('daily', at, 'Europe/Madrid', 7, 1)).toBe('2026-03-02');
    expect(dueDigestKey('daily', at, 'America/New_York', 7, 1)).toBeNull();
    expect(dueDigestKey('weekly', at, 'Europe/Madrid', 7, 1)).toBe('week-of-2026-03-02');
    expect(dueDigestKey('weekly', new Date('2026-03-03T06:30:00Z'), 'Europe/Madrid', 7, 1)).toBeNull();
  });

  it('sends one daily digest with what was batched, in the user timezone, and skips users with nothing', async () => {
    const student = await service.core.student({ timezone: 'Europe/Madrid', firstName: 'Dora' });
    const idle = await service.core.student({ timezone: 'Europe/Madrid' });
    await known(idle.id);
    await service.rpc.call(notificationsRpc.preferencesUpdate, { preferences: [{ category: 'grades', channel: 'email', mode: 'daily_digest' }] }, as(student));
    await quizGraded(service, student, { quizName: 'Quiz A' });
    await quizGraded(service, student, { quizName: 'Quiz B' });
    await waitFor(async () => (await inAppOf(service, student.id)).length === 2, 10_000, 'both events');
    expect(await deliveriesOf(service, student.email)).toHaveLength(0);
    // 05:00 in Madrid: not yet.
    expect(await service.digests.runDue(new Date('2030-01-07T04:00:00Z'))).toBe(0);
    // 08:00 in Madrid: one digest; a second pass the same day sends nothing more.
    expect(await service.digests.runDue(new Date('2030-01-07T07:00:00Z'))).toBe(1);
    expect(await service.digests.runDue(new Date('2030-01-07T09:00:00Z'))).toBe(0);
    await service.worker.drain();
    const [digest] = service.fake.emailsTo(student.email);
    expect(digest?.subject).toBe('Your daily digest: 2 updates');
    expect(digest?.text).toContain('Quiz graded: Quiz A');
    expect(digest?.text).toContain('Quiz graded: Quiz B');
    expect(service.fake.emailsTo(idle.email)).toHaveLength(0);
  });

  it('one-click unsubscribe (signed link) turns the category off; a forged token is refused', async () => {
    const student = await service.core.student();
    await quizGraded(service, student);
    await waitFor(async () => (await deliveriesOf(service, student.email)).length > 0, 10_000, 'queued');
    await service.worker.drain();
    const header = service.fake.emailsTo(student.email)[0]!.headers['List-Unsubscribe']!;
    const token = new URL(header.slice(1, -1)).searchParams.get('token')!;
    expect(await codeOf(service.rpc.call(notificationsRpc.unsubscribeConfirm, { token: `${token}x` }, { kind: 'anonymous' }))).toBe('TOKEN_INVALID');
    const landing = await service.rpc.call(notificationsRpc.unsubscribeConfirm, { token }, { kind: 'anonymous' });
    expect(landing).toMatchObject({ email: student.email.toLowerCase(), category: 'grades', unsubscribed: true });
    const view = await service.rpc.call(notificationsRpc.preferencesGet, {}, as(student));
    expect(view.preferences.find((cell) => cell.category === 'grades' && cell.channel === 'email')?.mode).toBe('off');
  });
});
