import { randomUUID } from 'node:crypto';
import { liveClassesEvents } from '@tec/shared';
import { publishTestEvent } from '@tec/shared/testing';
import { bootNotifications, deliveriesOf, inAppOf, waitFor, type NotificationsTestService } from './notifications-test-kit';
import { course } from './support/events';

let service: NotificationsTestService;

beforeAll(async () => {
  service = await bootNotifications();
}, 60_000);

afterAll(async () => {
  await service?.close();
});

function liveClass() {
  const id = randomUUID();
  return {
    id,
    seriesId: null,
    name: 'Derivatives live',
    description: null,
    startsAt: '2030-03-04T08:00:00.000Z',
    endsAt: '2030-03-04T09:00:00.000Z',
    timezone: 'Europe/Madrid',
    status: 'scheduled' as const,
    provider: 'zoom' as const,
    maxParticipants: null,
    recordingEnabled: true,
    path: `/live-classes/${id}`,
  };
}

describe('live classes events', () => {
  it('"starts in 15 minutes" and "starting now" reach each student by email (live_class_starts) and in the app', async () => {
    const teacher = await service.core.teacher({ firstName: 'Marta', lastName: 'Ruiz' });
    const madrid = await service.core.student({ timezone: 'Europe/Madrid', firstName: 'Eva' });
    const tokyo = await service.core.student({ timezone: 'Asia/Tokyo', firstName: 'Ken' });
    const klass = liveClass();
    await publishTestEvent(service.nats, service.prefix, liveClassesEvents.startingSoon, { class: klass, course, teacher, minutesBefore: 15, students: [madrid, tokyo] }, { producer: 'live-classes' });
    await waitFor(async () => (await deliveriesOf(service, tokyo.email)).length > 0, 10_000, 'queued');
    await service.worker.drain();
    expect(service.fake.emailsTo(madrid.email)[0]?.subject).toBe('Live class Derivatives live starts at 09:00 (in 15 minutes)!');
    expect(service.fake.emailsTo(tokyo.email)[0]?.text).toContain('by Marta Ruiz starts at 17:00 (in 15 minutes)');
    expect(service.fake.emailsTo(tokyo.email)[0]?.text).toContain(`/live-classes/${klass.id}`);

    await publishTestEvent(
      service.nats,
      service.prefix,
      liveClassesEvents.started,
      { class: { ...klass, status: 'in_progress' }, course, teacher, startedAt: klass.startsAt, source: 'provider', students: [madrid] },
      { producer: 'live-classes' },
    );
    await waitFor(async () => (await inAppOf(service, madrid.id)).length === 2, 10_000, 'in-app');
    await service.worker.drain();
    expect(service.fake.emailsTo(madrid.email).map((email) => email.subject)).toContain('Live class Derivatives live is starting now!');
  });

  it('"recording available" uses the recording_ready template', async () => {
    const teacher = await service.core.teacher();
    const student = await service.core.student({ firstName: 'Ana' });
    const klass = liveClass();
    await publishTestEvent(
      service.nats,
      service.prefix,
      liveClassesEvents.recordingReady,
      { class: { ...klass, status: 'completed' }, course, teacher, recording: { id: randomUUID(), playUrl: 'https://zoom.us/rec/share/x', durationMinutes: 62, path: `/live-classes/${klass.id}#recordings` }, students: [student] },
      { producer: 'live-classes' },
    );
    await waitFor(async () => (await deliveriesOf(service, student.email)).length > 0, 10_000, 'queued');
    await service.worker.drain();
    const [email] = service.fake.emailsTo(student.email);
    expect(email?.subject).toBe('Recording available: Derivatives live');
    expect(email?.text).toContain('62 minutes');
    expect((await inAppOf(service, student.id))[0]?.title).toBe('Recording available: Derivatives live');
  });
});
