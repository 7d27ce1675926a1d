import { randomUUID } from 'node:crypto';
import { dataRightsRpc, type UserProfile } from '@tec/shared';
import { asUser, codeOf, requestTestErasure, waitFor } from '@tec/shared/testing';
import { EmailLogRetentionJob } from '../src/data-rights/email-log-retention.job';
import { SuppressionsRepository } from '../src/email/suppressions.repository';
import { bootNotifications, type NotificationsTestService } from './notifications-test-kit';

describe('notifications data rights', () => {
  let service: NotificationsTestService;
  let user: UserProfile;
  let other: UserProfile;
  let admin: UserProfile;

  const delivery = async (owner: UserProfile, status: string, createdAt = new Date()) => {
    const id = randomUUID();
    await service.dataSource.query(
      `INSERT INTO "notifications"."email_deliveries" (id, dedupe_key, user_id, recipient_email, recipient_name, category, template_name, template_version, template_data, subject, status, created_at)
       VALUES ($1, $2, $3, $4, $5, 'grades', 'grade_posted', 1, $6, 'Your grade', $7, $8)`,
      [id, randomUUID(), owner.id, owner.email, owner.firstName, JSON.stringify({ firstName: owner.firstName }), status, createdAt],
    );
    await service.dataSource.query(`INSERT INTO "notifications"."delivery_events" (delivery_id, type, detail) VALUES ($1, 'delivered', $2)`, [id, JSON.stringify({ email: owner.email })]);
    return id;
  };

  beforeAll(async () => {
    service = await bootNotifications({ EMAIL_RETENTION_JOB_SECONDS: '0' });
    [user, other, admin] = [await service.core.student(), await service.core.student(), await service.core.admin()];
    await waitFor(async () => (await service.dataSource.query(`SELECT 1 FROM "notifications"."users" WHERE id = ANY($1::uuid[])`, [[user.id, other.id]])).length === 2, 20_000, 'users');
    for (const owner of [user, other]) {
      await service.dataSource.query(`INSERT INTO "notifications"."notifications" (id, user_id, category, title, body, dedupe_key) VALUES ($1, $2, 'grades', 'Grade posted', 'For ' || $3, $4)`, [randomUUID(), owner.id, owner.firstName, randomUUID()]);
    }
    await service.dataSource.query(`INSERT INTO "notifications"."suppressions" (email, reason) VALUES (lower($1), 'hard_bounce')`, [user.email]);
  }, 60_000);

  afterAll(async () => {
    await service?.close();
  });

  it('exports the user\'s notifications, email log and suppression to admins and services only', async () => {
    await delivery(user, 'delivered');
    await delivery(other, 'delivered');
    const exported = await service.rpc.call(dataRightsRpc('notifications'), { userId: user.id }, asUser(admin));
    expect(exported.sections.notifications).toHaveLength(1);
    expect(exported.sections.emailDeliveries).toEqual([expect.objectContaining({ to: user.email, status: 'delivered' })]);
    expect(exported.sections.deliveryEvents).toHaveLength(1);
    expect(exported.sections.suppressions).toEqual([expect.objectContaining({ reason: 'hard_bounce' })]);
    expect(await codeOf(service.rpc.call(dataRightsRpc('notifications'), { userId: user.id }, asUser(other)))).toBe('FORBIDDEN');
  });

  it('erasure deletes in-app data and pending mail, de-identifies the log, keeps the suppression as a hash; idempotent', async () => {
    const pending = await delivery(user, 'pending');
    const first = await requestTestErasure(service, 'notifications', user.id);
    expect(first.summary).toMatchObject({ suppressionsHashed: 1, notificationsDeleted: 1, pendingEmailsCancelled: 1, emailLogsDeidentified: 1, deliveryEventsDeidentified: 1, profilesDeidentified: 1 });
    expect(await service.dataSource.query(`SELECT 1 FROM "notifications"."email_deliveries" WHERE id = $1`, [pending])).toEqual([]);
    const [log] = await service.dataSource.query(`SELECT recipient_email, recipient_name, template_data, subject, status FROM "notifications"."email_deliveries" WHERE user_id = $1`, [user.id]);
    expect(log).toEqual({ recipient_email: 'erased@erased.invalid', recipient_name: '', template_data: {}, subject: '', status: 'delivered' });
    const suppressions = await service.dataSource.query<{ email: string }[]>(`SELECT email FROM "notifications"."suppressions"`);
    expect(suppressions.map((row) => row.email)).toEqual([expect.stringMatching(/^sha256:[0-9a-f]{64}$/)]);
    // The address is still refused, though it is no longer stored.
    expect(await service.app.get(SuppressionsRepository).isSuppressed(user.email.toUpperCase())).toBe(true);
    expect(await service.app.get(SuppressionsRepository).isSuppressed(other.email)).toBe(false);
    // The other user's data is untouched.
    expect(await service.dataSource.query(`SELECT count(*)::int AS n FROM "notifications"."notifications" WHERE user_id = $1`, [other.id])).toEqual([{ n: 1 }]);
    const again = await requestTestErasure(service, 'notifications', user.id);
    expect(Object.values(again.summary).every((count) => count === 0)).toBe(true);
  }, 40_000);

  it('retention purges finished deliveries and webhook ids past their windows, never mail still queued', async () => {
    const old = new Date(Date.now() - 400 * 86_400_000);
    const finished = await delivery(other, 'delivered', old);
    const queued = await delivery(other, 'pending', old);
    const fresh = await delivery(other, 'sent');
    await service.dataSource.query(`INSERT INTO "notifications"."webhook_events" (sg_event_id, type, received_at) VALUES ('old-event', 'delivered', $1), ('new-event', 'delivered', now())`, [old]);
    const result = await service.app.get(EmailLogRetentionJob).runOnce();
    expect(result).toEqual({ deliveries: 1, webhookEvents: 1 });
    const left = await service.dataSource.query<{ id: string }[]>(`SELECT id FROM "notifications"."email_deliveries" WHERE id = ANY($1::uuid[])`, [[finished, queued, fresh]]);
    expect(left.map((row) => row.id).sort()).toEqual([queued, fresh].sort());
    expect(await service.dataSource.query(`SELECT count(*)::int AS n FROM "notifications"."delivery_events" WHERE delivery_id = $1`, [finished])).toEqual([{ n: 0 }]);
    expect(await service.dataSource.query(`SELECT sg_event_id FROM "notifications"."webhook_events"`)).toEqual([{ sg_event_id: 'new-event' }]);
  });
});
