import { randomUUID } from 'node:crypto';
import { notificationsRpc, parentPortalEvents } from '@tec/shared';
import { publishTestEvent } from '@tec/shared/testing';
import { as, bootNotifications, deliveriesOf, inAppOf, waitFor, type NotificationsTestService } from './notifications-test-kit';
import { course } from './support/events';

let service: NotificationsTestService;

beforeAll(async () => {
  service = await bootNotifications();
}, 60_000);

afterAll(async () => {
  await service?.close();
});

const publish = <E extends (typeof parentPortalEvents)[keyof typeof parentPortalEvents]>(event: E, payload: Parameters<typeof publishTestEvent<E>>[3]) =>
  publishTestEvent(service.nats, service.prefix, event, payload, { producer: 'parent-portal' });

function alert(parent: Awaited<ReturnType<typeof service.core.parent>>, student: Awaited<ReturnType<typeof service.core.student>>, type: 'low_course_grade' | 'absence_today') {
  return {
    alertId: randomUUID(),
    parent,
    student,
    type,
    course,
    title: `${student.firstName}'s alert`,
    message: 'Something crossed your threshold.',
    value: 55,
    threshold: 70,
    raisedAt: new Date().toISOString(),
  };
}

describe('parent portal events', () => {
  it('an alert reaches the parent in-app and by email (parent_alert), and email follows the preference', async () => {
    const parent = await service.core.parent({ firstName: 'María' });
    const student = await service.core.student({ firstName: 'Ana' });
    await publish(parentPortalEvents.alertRaised, alert(parent, student, 'low_course_grade'));
    await waitFor(async () => (await deliveriesOf(service, parent.email)).length > 0, 10_000, 'queued');
    await service.worker.drain();
    expect((await deliveriesOf(service, parent.email))[0]!.template_name).toBe('parent_alert');
    expect(service.fake.emailsTo(parent.email)[0]?.text).toContain('Hello María');
    expect((await inAppOf(service, parent.id)).map((row) => row.title)).toEqual(["Ana's alert"]);

    await service.rpc.call(notificationsRpc.preferencesUpdate, { preferences: [{ category: 'parent_alerts', channel: 'email', mode: 'off' }] }, as(parent));
    await publish(parentPortalEvents.alertRaised, alert(parent, student, 'low_course_grade'));
    await waitFor(async () => (await inAppOf(service, parent.id)).length === 2, 10_000, 'second in-app');
    expect(await deliveriesOf(service, parent.email)).toHaveLength(1);
  });

  it("a minor's absence today is the locked absence notice, even with parent alerts turned off", async () => {
    const parent = await service.core.parent();
    const student = await service.core.student();
    await service.rpc.call(notificationsRpc.preferencesUpdate, { preferences: [{ category: 'parent_alerts', channel: 'email', mode: 'off' }] }, as(parent));
    await publish(parentPortalEvents.alertRaised, alert(parent, student, 'absence_today'));
    await waitFor(async () => (await deliveriesOf(service, parent.email)).length > 0, 10_000, 'queued');
    expect((await deliveriesOf(service, parent.email))[0]!.template_name).toBe('absence_notice');
  });

  it('a link request goes to each approver, and to an adult student who must consent', async () => {
    const parent = await service.core.parent({ firstName: 'Pedro', lastName: 'Ruiz' });
    const admin = await service.core.admin();
    const teacher = await service.core.teacher();
    const student = await service.core.student({ dateOfBirth: '1998-02-02' });
    await publish(parentPortalEvents.linkRequested, {
      linkId: randomUUID(),
      parent,
      student,
      relationship: 'guardian',
      approvers: [admin, teacher, admin],
      consentRequired: true,
      requestedAt: new Date().toISOString(),
    });
    await waitFor(async () => (await deliveriesOf(service, student.email)).length > 0, 10_000, 'student queued');
    for (const person of [admin, teacher, student]) {
      const deliveries = await deliveriesOf(service, person.email);
      expect(deliveries.map((delivery) => delivery.template_name)).toEqual(['link_request']);
    }
    expect((await inAppOf(service, student.id))[0]!.title).toBe('Pedro Ruiz asked to see your school data');
  });

  it('the guardian digest is one email covering every child, rendered from the guardian_digest template', async () => {
    const parent = await service.core.parent({ firstName: 'Lucía' });
    const child = (firstName: string) => ({ id: randomUUID(), firstName, lastName: 'Gómez' });
    await publish(parentPortalEvents.guardianDigestReady, {
      digestId: randomUUID(),
      parent,
      period: 'weekly',
      periodKey: '2030-W10',
      periodStart: '2030-03-04T07:00:00.000Z',
      periodEnd: '2030-03-11T07:00:00.000Z',
      children: [
        {
          student: child('Ana'),
          attendance: { percentage: 80, sessions: 5, absences: 1 },
          newGrades: [{ course, assignmentTitle: 'Essay <2>', percentage: 85, gradedAt: '2030-03-05T10:00:00.000Z' }],
          missingAssignments: [{ course, assignmentTitle: 'Lab report', dueAt: '2030-03-06T22:00:00.000Z' }],
          upcomingClasses: [],
          alerts: 1,
        },
        { student: child('Luis'), attendance: { percentage: null, sessions: 0, absences: 0 }, newGrades: [], missingAssignments: [], upcomingClasses: [], alerts: 0 },
      ],
      unreadTeacherMessages: 2,
    });
    await waitFor(async () => (await deliveriesOf(service, parent.email)).length > 0, 10_000, 'queued');
    await service.worker.drain();
    const [email] = service.fake.emailsTo(parent.email);
    expect(email?.subject).toBe('Your weekly summary: Ana, Luis');
    expect(email?.text).toContain('Ana Gómez');
    expect(email?.text).toContain('Attendance 80% over 5 classes, 1 absence.');
    expect(email?.text).toContain('Grade: Essay <2> (Mathematics 12A) 85%');
    expect(email?.text).toContain('Luis Gómez');
    expect(email?.text).toContain('2 unread messages from teachers.');
    expect(email?.html).toContain('Essay &lt;2&gt;');
    expect(service.fake.emailsTo(parent.email)).toHaveLength(1);
  });

  it('an active link is an in-app note for the parent, with no email', async () => {
    const parent = await service.core.parent();
    const student = await service.core.student({ firstName: 'Sofía', lastName: 'Rivera' });
    await publish(parentPortalEvents.linkActivated, { linkId: randomUUID(), parent, student, relationship: 'parent', activatedAt: new Date().toISOString() });
    await waitFor(async () => (await inAppOf(service, parent.id)).length === 1, 10_000, 'in-app');
    expect((await inAppOf(service, parent.id))[0]!.title).toBe('You are now linked to Sofía Rivera');
    expect(await deliveriesOf(service, parent.email)).toHaveLength(0);
  });
});
