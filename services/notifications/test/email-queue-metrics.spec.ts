import { METRICS, metricSample, type PlatformMetrics } from '@tec/shared';
import { bootNotifications, deliveriesOf, waitFor, type NotificationsTestService } from './notifications-test-kit';
import { quizGraded } from './support/events';

let service: NotificationsTestService;

beforeAll(async () => {
  service = await bootNotifications();
}, 60_000);

afterAll(async () => {
  await service?.close();
});

const scrape = () => service.app.get<PlatformMetrics>(METRICS).metrics();

describe('email queue metrics', () => {
  it('reports the queue depth by status and how long the oldest due email has waited, as the table holds them', async () => {
    const empty = await scrape();
    expect(metricSample(empty, 'tec_email_queue_depth', { service: 'notifications', status: 'pending' })).toBe(0);
    expect(metricSample(empty, 'tec_email_queue_depth', { status: 'sending' })).toBe(0);
    expect(metricSample(empty, 'tec_email_queue_oldest_due_seconds')).toBe(0);

    const students = [await service.core.student(), await service.core.student()];
    for (const student of students) await quizGraded(service, student);
    for (const student of students) await waitFor(async () => (await deliveriesOf(service, student.email)).length > 0, 10_000, 'the delivery');
    // One of them has been due for a minute (a provider outage would leave it so).
    await service.dataSource.query(
      `UPDATE "notifications"."email_deliveries" SET next_attempt_at = now() - interval '60 seconds' WHERE recipient_email = lower($1)`,
      [students[0]!.email],
    );

    const queued = await scrape();
    expect(metricSample(queued, 'tec_email_queue_depth', { status: 'pending' })).toBe(2);
    expect(metricSample(queued, 'tec_email_queue_oldest_due_seconds')).toBeGreaterThanOrEqual(60);

    await service.worker.drain();
    const drained = await scrape();
    expect(metricSample(drained, 'tec_email_queue_depth', { status: 'pending' })).toBe(0);
    expect(metricSample(drained, 'tec_email_queue_oldest_due_seconds')).toBe(0);
    expect(service.fake.emailsTo(students[0]!.email)).toHaveLength(1);
  });
});
