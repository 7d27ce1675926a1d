import { randomUUID } from 'node:crypto';
import { attendanceEvents } from '@tec/shared';
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

const session = () => ({ id: randomUUID(), startsAt: '2030-03-04T08:00:00.000Z', endsAt: '2030-03-04T09:00:00.000Z', topic: null });

describe('attendance events', () => {
  it('a class reminder (attendance_alert) reaches every student in their own time zone', async () => {
    const madrid = await service.core.student({ timezone: 'Europe/Madrid', firstName: 'Eva' });
    const tokyo = await service.core.student({ timezone: 'Asia/Tokyo', firstName: 'Ken' });
    await publishTestEvent(service.nats, service.prefix, attendanceEvents.sessionStartingSoon, { course, session: session(), minutesBefore: 15, students: [madrid, tokyo] }, { producer: 'attendance' });
    await waitFor(async () => (await deliveriesOf(service, tokyo.email)).length > 0, 10_000, 'queued');
    await service.worker.drain();
    expect(service.fake.emailsTo(madrid.email)[0]?.text).toContain('Mathematics 12A starts at 09:00');
    expect(service.fake.emailsTo(tokyo.email)[0]?.text).toContain('Mathematics 12A starts at 17:00');
  });

  it('an absence is an in-app note for the student, with no email', async () => {
    const student = await service.core.student();
    await publishTestEvent(service.nats, service.prefix, attendanceEvents.studentAbsent, { course, session: session(), student, date: '2030-03-04', method: 'auto' }, { producer: 'attendance' });
    await waitFor(async () => (await inAppOf(service, student.id)).length === 1, 10_000, 'in-app');
    expect((await inAppOf(service, student.id))[0]?.title).toBe('Marked absent: Mathematics 12A');
    expect(await deliveriesOf(service, student.email)).toHaveLength(0);
  });

  it('an exemption decision reaches the student and the parent who asked', async () => {
    const student = await service.core.student({ firstName: 'Lina' });
    const parent = await service.core.parent();
    const decided = { exemptionId: randomUUID(), course, session: session(), student, note: 'Get well soon.', decidedBy: randomUUID(), decidedAt: new Date().toISOString() };
    await publishTestEvent(service.nats, service.prefix, attendanceEvents.exemptionDecided, { ...decided, decision: 'approved', requestedBy: parent }, { producer: 'attendance' });
    await waitFor(async () => (await inAppOf(service, parent.id)).length === 1, 10_000, 'the parent told');
    expect((await inAppOf(service, student.id)).map((row) => row.title)).toEqual(['Your absence is excused: Mathematics 12A']);
    expect((await inAppOf(service, parent.id)).map((row) => row.title)).toEqual(["Lina's absence is excused: Mathematics 12A"]);

    // A student's own request that is rejected: only the student hears.
    const own = await service.core.student();
    await publishTestEvent(service.nats, service.prefix, attendanceEvents.exemptionDecided, { ...decided, exemptionId: randomUUID(), student: own, decision: 'rejected', note: null }, { producer: 'attendance' });
    await waitFor(async () => (await inAppOf(service, own.id)).length === 1, 10_000, 'the student told');
    expect((await inAppOf(service, own.id))[0]?.title).toBe('Your exemption request was not approved: Mathematics 12A');
    expect(await inAppOf(service, student.id)).toHaveLength(1);
    expect(await inAppOf(service, parent.id)).toHaveLength(1);
  });
});
