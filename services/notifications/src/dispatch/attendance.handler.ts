import { Injectable } from '@nestjs/common';
import { attendanceEvents, EventHandler, type EventHandlerContext, type EventPayload } from '@tec/shared';
import { RecipientsRepository } from '../users/recipients.repository';
import { NotificationDispatcher, type DispatchTarget } from './notification-dispatcher';

type Payload<K extends keyof typeof attendanceEvents> = EventPayload<(typeof attendanceEvents)[K]>;

function localTime(iso: string, timezone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: timezone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso));
  }
}

/**
 * Attendance → notifications: class reminders, low attendance, and in-app notes on absences and exemption requests.
 * Guardians' absence notices need the parent–child links of the parent portal; they come with its events.
 */
@Injectable()
export class AttendanceHandler {
  constructor(
    private readonly recipients: RecipientsRepository,
    private readonly dispatcher: NotificationDispatcher,
  ) {}

  @EventHandler(attendanceEvents.sessionStartingSoon, { consumer: 'attendance-session-starting-soon' })
  async startingSoon(payload: Payload<'sessionStartingSoon'>, { manager, envelope }: EventHandlerContext): Promise<void> {
    const link = `/attendance/check-in?session=${payload.session.id}`;
    const targets: DispatchTarget[] = [];
    for (const student of payload.students) {
      const recipient = await this.recipients.ensure(manager, student);
      const start = localTime(payload.session.startsAt, recipient.timezone);
      targets.push({
        recipient,
        data: { student_name: recipient.firstName, class_name: payload.course.title, start_time: start, attendance_link: link },
        title: `${payload.course.title} starts at ${start}`,
        body: 'Check in when class starts.',
        link,
      });
    }
    await this.dispatcher.dispatch(manager, { sourceKey: envelope.id, eventId: envelope.id, eventSubject: envelope.subject, category: 'attendance', template: 'attendance_alert', targets });
  }

  @EventHandler(attendanceEvents.lowAttendance, { consumer: 'attendance-low-attendance' })
  async low(payload: Payload<'lowAttendance'>, { manager, envelope }: EventHandlerContext): Promise<void> {
    const recipient = await this.recipients.ensure(manager, payload.student);
    const rate = Math.round(payload.percentage * 10) / 10;
    const link = `/courses/${payload.course.id}`;
    await this.dispatcher.dispatch(manager, {
      sourceKey: envelope.id,
      eventId: envelope.id,
      eventSubject: envelope.subject,
      category: 'attendance',
      template: 'low_attendance',
      targets: [
        {
          recipient,
          data: { recipient_name: recipient.firstName, student_name: `${recipient.firstName} ${recipient.lastName}`, course_name: payload.course.title, attendance_rate: rate, threshold: payload.threshold, details_link: link },
          title: `Attendance in ${payload.course.title} is at ${rate}%`,
          body: `Below the ${payload.threshold}% the school expects.`,
          link,
        },
      ],
    });
  }

  @EventHandler(attendanceEvents.studentAbsent, { consumer: 'attendance-student-absent' })
  async absent(payload: Payload<'studentAbsent'>, { manager, envelope }: EventHandlerContext): Promise<void> {
    const recipient = await this.recipients.ensure(manager, payload.student);
    await this.dispatcher.dispatch(manager, {
      sourceKey: envelope.id,
      eventId: envelope.id,
      eventSubject: envelope.subject,
      category: 'attendance',
      template: null,
      targets: [{ recipient, data: {}, title: `Marked absent: ${payload.course.title}`, body: `${payload.date}. If you were there, ask your teacher or request an excused absence.`, link: `/courses/${payload.course.id}` }],
    });
  }

  @EventHandler(attendanceEvents.exemptionRequested, { consumer: 'attendance-exemption-requested' })
  async exemption(payload: Payload<'exemptionRequested'>, { manager, envelope }: EventHandlerContext): Promise<void> {
    const targets: DispatchTarget[] = [];
    for (const teacher of payload.teachers) {
      targets.push({
        recipient: await this.recipients.ensure(manager, teacher),
        data: {},
        title: `Excused-absence request from ${payload.student.firstName} ${payload.student.lastName}`,
        body: `${payload.course.title}: ${payload.reason.slice(0, 200)}`,
        link: `/courses/${payload.course.id}`,
      });
    }
    await this.dispatcher.dispatch(manager, { sourceKey: envelope.id, eventId: envelope.id, eventSubject: envelope.subject, category: 'attendance', template: null, targets });
  }

  /** The decision reaches the student and, when a linked parent asked, that parent (in-app, email per preferences). */
  @EventHandler(attendanceEvents.exemptionDecided, { consumer: 'attendance-exemption-decided' })
  async exemptionDecided(payload: Payload<'exemptionDecided'>, { manager, envelope }: EventHandlerContext): Promise<void> {
    const approved = payload.decision === 'approved';
    const day = payload.session.startsAt.slice(0, 10);
    const note = payload.note ? ` Teacher's note: ${payload.note.slice(0, 200)}` : '';
    const people = [payload.student, ...(payload.requestedBy && payload.requestedBy.id !== payload.student.id ? [payload.requestedBy] : [])];
    const targets: DispatchTarget[] = [];
    for (const person of people) {
      const forChild = person.id !== payload.student.id;
      const whose = forChild ? `${payload.student.firstName}'s` : 'Your';
      targets.push({
        recipient: await this.recipients.ensure(manager, person),
        data: {},
        title: approved ? `${whose} absence is excused: ${payload.course.title}` : `${whose} exemption request was not approved: ${payload.course.title}`,
        body: `Class of ${day}.${approved ? ' It now counts as excused.' : ''}${note}`,
        link: '/attendance/exemptions',
      });
    }
    await this.dispatcher.dispatch(manager, { sourceKey: envelope.id, eventId: envelope.id, eventSubject: envelope.subject, category: 'attendance', template: null, targets });
  }
}
