import { Injectable } from '@nestjs/common';
import { EventHandler, liveClassesEvents, type EventHandlerContext, type EventPayload, type UserProfile } from '@tec/shared';
import type { EntityManager } from 'typeorm';
import { RecipientsRepository } from '../users/recipients.repository';
import { NotificationDispatcher, type DispatchTarget } from './notification-dispatcher';

type Payload<K extends keyof typeof liveClassesEvents> = EventPayload<(typeof liveClassesEvents)[K]>;

function localTime(iso: string, timezone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: timezone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso));
  }
}

/**
 * Live classes → notifications: "starts in 15 minutes" and "starting now" (the plan's `live_class_starts`) to the
 * course's students, and "recording available" (`recording_ready`). Links open the class page in the app, which
 * shows the join button (the personal join link is never put in an email).
 */
@Injectable()
export class LiveClassesHandler {
  constructor(
    private readonly recipients: RecipientsRepository,
    private readonly dispatcher: NotificationDispatcher,
  ) {}

  @EventHandler(liveClassesEvents.startingSoon, { consumer: 'live-classes-starting-soon' })
  async startingSoon(payload: Payload<'startingSoon'>, context: EventHandlerContext): Promise<void> {
    await this.starts(payload, payload.students, (timezone) => `starts at ${localTime(payload.class.startsAt, timezone)} (in ${payload.minutesBefore} minutes)`, context);
  }

  @EventHandler(liveClassesEvents.started, { consumer: 'live-classes-started' })
  async started(payload: Payload<'started'>, context: EventHandlerContext): Promise<void> {
    await this.starts(payload, payload.students, () => 'is starting now', context);
  }

  @EventHandler(liveClassesEvents.recordingReady, { consumer: 'live-classes-recording-ready' })
  async recordingReady(payload: Payload<'recordingReady'>, { manager, envelope }: EventHandlerContext): Promise<void> {
    const link = payload.recording.path;
    const targets = await this.targets(manager, payload.students, (recipient) => ({
      data: {
        student_name: recipient.firstName,
        class_name: payload.class.name,
        course_name: payload.course.title,
        duration: payload.recording.durationMinutes === null ? '' : `${payload.recording.durationMinutes} minutes`,
        recording_link: link,
      },
      title: `Recording available: ${payload.class.name}`,
      body: `${payload.course.title}${payload.recording.durationMinutes === null ? '' : ` · ${payload.recording.durationMinutes} min`}`,
      link,
    }));
    await this.dispatcher.dispatch(manager, { sourceKey: envelope.id, eventId: envelope.id, eventSubject: envelope.subject, category: 'live_classes', template: 'recording_ready', targets });
  }

  private async starts(
    payload: Payload<'startingSoon'> | Payload<'started'>,
    students: UserProfile[],
    when: (timezone: string) => string,
    { manager, envelope }: EventHandlerContext,
  ): Promise<void> {
    const link = payload.class.path;
    const teacherName = `${payload.teacher.firstName} ${payload.teacher.lastName}`;
    const targets = await this.targets(manager, students, (recipient) => {
      const startsWhen = when(recipient.timezone);
      return {
        data: { student_name: recipient.firstName, class_name: payload.class.name, teacher_name: teacherName, starts_when: startsWhen, class_link: link },
        title: `${payload.class.name} ${startsWhen}`,
        body: `${payload.course.title} with ${teacherName}. Join from the class page.`,
        link,
      };
    });
    await this.dispatcher.dispatch(manager, { sourceKey: envelope.id, eventId: envelope.id, eventSubject: envelope.subject, category: 'live_classes', template: 'live_class_starts', targets });
  }

  private async targets(
    manager: EntityManager,
    people: UserProfile[],
    build: (recipient: { firstName: string; timezone: string }) => Omit<DispatchTarget, 'recipient'>,
  ): Promise<DispatchTarget[]> {
    const targets: DispatchTarget[] = [];
    for (const person of people) {
      const recipient = await this.recipients.ensure(manager, person);
      targets.push({ recipient, ...build(recipient) });
    }
    return targets;
  }
}
