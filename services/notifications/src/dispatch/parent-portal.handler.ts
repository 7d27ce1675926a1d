import { Injectable } from '@nestjs/common';
import { EventHandler, parentPortalEvents, type EventHandlerContext, type EventPayload } from '@tec/shared';
import { RecipientsRepository } from '../users/recipients.repository';
import { NotificationDispatcher, type DispatchTarget } from './notification-dispatcher';

type Payload<K extends keyof typeof parentPortalEvents> = EventPayload<(typeof parentPortalEvents)[K]>;

/** App paths the parent portal's pages live at (see services/parent-portal/README.md). */
export const PARENT_PORTAL_PATHS = {
  dashboard: '/parent',
  child: (studentId: string) => `/parent/children/${studentId}`,
  approvals: '/parent-links',
  studentLinks: '/account/parents',
} as const;

const percent = (value: number) => `${Math.round(value * 10) / 10}%`;

function localDate(iso: string, timezone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: timezone }).format(new Date(iso));
  } catch {
    return iso.slice(0, 10);
  }
}

function localDateTime(iso: string, timezone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: timezone }).format(new Date(iso));
  } catch {
    return iso.slice(0, 16).replace('T', ' ');
  }
}

/**
 * Parent portal → notifications, by each recipient's preferences (the dispatcher applies channels, quiet hours and
 * suppression):
 * - `alert_raised` → the parent: `parent_alert` (category parent_alerts) in-app + email; an absence of a MINOR
 *   today goes out as the locked `absence` category (`absence_notice`), which bypasses quiet hours;
 * - `link_requested` → every approver, and the student when an adult who must consent: `link_request`;
 * - `link_activated` → the parent: an in-app note (no email);
 * - `guardian_digest_ready` → the parent: `guardian_digest`, one email covering every child.
 * Consumer names are persisted contracts.
 */
@Injectable()
export class ParentPortalHandler {
  constructor(
    private readonly recipients: RecipientsRepository,
    private readonly dispatcher: NotificationDispatcher,
  ) {}

  @EventHandler(parentPortalEvents.alertRaised, { consumer: 'parent-portal-alert-raised' })
  async alert(payload: Payload<'alertRaised'>, { manager, envelope }: EventHandlerContext): Promise<void> {
    const recipient = await this.recipients.ensure(manager, payload.parent);
    const link = PARENT_PORTAL_PATHS.child(payload.student.id);
    const studentName = `${payload.student.firstName} ${payload.student.lastName}`;
    const minor = payload.type === 'absence_today' && !isAdult(payload.student.dateOfBirth, new Date(payload.raisedAt));
    if (minor && payload.course) {
      await this.dispatcher.dispatch(manager, {
        sourceKey: envelope.id,
        eventId: envelope.id,
        eventSubject: envelope.subject,
        category: 'absence',
        template: 'absence_notice',
        targets: [
          {
            recipient,
            data: { guardian_name: recipient.firstName, student_name: studentName, class_name: payload.course.title, class_date: localDate(payload.raisedAt, recipient.timezone), details_link: link },
            title: payload.title,
            body: payload.message,
            link,
          },
        ],
      });
      return;
    }
    await this.dispatcher.dispatch(manager, {
      sourceKey: envelope.id,
      eventId: envelope.id,
      eventSubject: envelope.subject,
      category: 'parent_alerts',
      template: 'parent_alert',
      targets: [
        {
          recipient,
          data: { guardian_name: recipient.firstName, student_name: studentName, alert_title: payload.title, alert_text: payload.message, details_link: link },
          title: payload.title,
          body: payload.message,
          link,
        },
      ],
    });
  }

  @EventHandler(parentPortalEvents.linkRequested, { consumer: 'parent-portal-link-requested' })
  async linkRequested(payload: Payload<'linkRequested'>, { manager, envelope }: EventHandlerContext): Promise<void> {
    const guardianName = `${payload.parent.firstName} ${payload.parent.lastName}`;
    const studentName = `${payload.student.firstName} ${payload.student.lastName}`;
    const targets: DispatchTarget[] = [];
    const seen = new Set<string>();
    for (const approver of payload.approvers) {
      if (seen.has(approver.id)) continue;
      seen.add(approver.id);
      const recipient = await this.recipients.ensure(manager, approver);
      targets.push({
        recipient,
        data: { recipient_name: recipient.firstName, guardian_name: guardianName, guardian_email: payload.parent.email, student_name: studentName, review_link: PARENT_PORTAL_PATHS.approvals },
        title: `${guardianName} asked to link to ${studentName}`,
        body: `Relationship: ${payload.relationship}. Approve or reject it in the queue.`,
        link: PARENT_PORTAL_PATHS.approvals,
      });
    }
    if (payload.consentRequired && !seen.has(payload.student.id)) {
      const recipient = await this.recipients.ensure(manager, payload.student);
      targets.push({
        recipient,
        data: { recipient_name: recipient.firstName, guardian_name: guardianName, guardian_email: payload.parent.email, student_name: studentName, review_link: PARENT_PORTAL_PATHS.studentLinks },
        title: `${guardianName} asked to see your school data`,
        body: 'You are an adult student: nothing is shared unless you consent. You can withdraw consent at any time.',
        link: PARENT_PORTAL_PATHS.studentLinks,
      });
    }
    await this.dispatcher.dispatch(manager, { sourceKey: envelope.id, eventId: envelope.id, eventSubject: envelope.subject, category: 'parent_alerts', template: 'link_request', targets });
  }

  /** The parent learns the link is active (approved, and consented to by an adult child): an in-app note only. */
  @EventHandler(parentPortalEvents.linkActivated, { consumer: 'parent-portal-link-activated' })
  async linkActivated(payload: Payload<'linkActivated'>, { manager, envelope }: EventHandlerContext): Promise<void> {
    const recipient = await this.recipients.ensure(manager, payload.parent);
    const link = PARENT_PORTAL_PATHS.child(payload.student.id);
    await this.dispatcher.dispatch(manager, {
      sourceKey: envelope.id,
      eventId: envelope.id,
      eventSubject: envelope.subject,
      category: 'parent_alerts',
      template: null,
      targets: [
        {
          recipient,
          data: {},
          title: `You are now linked to ${payload.student.firstName} ${payload.student.lastName}`,
          body: 'Their attendance, grades, missing work and classes are in the parent portal.',
          link,
        },
      ],
    });
  }

  @EventHandler(parentPortalEvents.guardianDigestReady, { consumer: 'parent-portal-guardian-digest' })
  async digest(payload: Payload<'guardianDigestReady'>, { manager, envelope }: EventHandlerContext): Promise<void> {
    const recipient = await this.recipients.ensure(manager, payload.parent);
    const children = payload.children.map((child) => {
      const lines: { text: string }[] = [];
      for (const grade of child.newGrades) lines.push({ text: `Grade: ${grade.assignmentTitle} (${grade.course.title}) ${percent(grade.percentage)}` });
      for (const missing of child.missingAssignments) lines.push({ text: `Missing: ${missing.assignmentTitle} (${missing.course.title})${missing.dueAt ? `, due ${localDate(missing.dueAt, recipient.timezone)}` : ''}` });
      for (const upcoming of child.upcomingClasses) lines.push({ text: `${upcoming.kind === 'live_class' ? 'Live class' : 'Class'}: ${upcoming.title} (${upcoming.course.title}) ${localDateTime(upcoming.startsAt, recipient.timezone)}` });
      if (child.alerts > 0) lines.push({ text: `${child.alerts} alert${child.alerts === 1 ? '' : 's'} in the portal` });
      const attendance =
        child.attendance.sessions === 0
          ? 'No classes with attendance in this period.'
          : `Attendance ${child.attendance.percentage === null ? '—' : percent(child.attendance.percentage)} over ${child.attendance.sessions} classes, ${child.attendance.absences} absence${child.attendance.absences === 1 ? '' : 's'}.`;
      return { name: `${child.student.firstName} ${child.student.lastName}`, attendance_line: attendance, lines };
    });
    const unread = payload.unreadTeacherMessages;
    const messagesLine = unread === undefined ? '' : unread === 0 ? 'No unread messages from teachers.' : `${unread} unread message${unread === 1 ? '' : 's'} from teachers.`;
    const names = payload.children.map((child) => child.student.firstName).join(', ');
    await this.dispatcher.dispatch(manager, {
      sourceKey: envelope.id,
      eventId: envelope.id,
      eventSubject: envelope.subject,
      category: 'parent_alerts',
      template: 'guardian_digest',
      targets: [
        {
          recipient,
          data: { guardian_name: recipient.firstName, period: payload.period, children_names: names, children, messages_line: messagesLine, portal_link: PARENT_PORTAL_PATHS.dashboard },
          title: `Your ${payload.period} summary: ${names}`,
          body: children.map((child) => `${child.name}: ${child.attendance_line}`).join(' '),
          link: PARENT_PORTAL_PATHS.dashboard,
        },
      ],
    });
  }
}

/** 18 or older on `at` (a missing date of birth counts as a minor: absences stay critical for guardians). */
function isAdult(dateOfBirth: string | null, at: Date): boolean {
  if (!dateOfBirth) return false;
  const [year, month, day] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const eighteenth = Date.UTC(year + 18, month - 1, day);
  return eighteenth <= at.getTime();
}
