import { Injectable } from '@nestjs/common';
import { coreEvents, EventHandler, type EventHandlerContext, type EventPayload } from '@tec/shared';
import { RecipientsRepository } from '../users/recipients.repository';
import { NotificationDispatcher } from './notification-dispatcher';

type Payload<K extends keyof typeof coreEvents> = EventPayload<(typeof coreEvents)[K]>;

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * Core's LMS activity → notifications. Each handler is tiny: resolve the recipient (the profile travels in the
 * event), build the template data and the in-app line, dispatch. Consumer names are persisted contracts.
 */
@Injectable()
export class CoreActivityHandler {
  constructor(
    private readonly recipients: RecipientsRepository,
    private readonly dispatcher: NotificationDispatcher,
  ) {}

  @EventHandler(coreEvents.forumReplyPosted, { consumer: 'forum-reply-posted' })
  async forumReply(payload: Payload<'forumReplyPosted'>, { manager, envelope }: EventHandlerContext): Promise<void> {
    // Nobody needs to hear about their own reply.
    if (payload.replier.id === payload.threadAuthor.id) return;
    const recipient = await this.recipients.ensure(manager, payload.threadAuthor);
    const replierName = `${payload.replier.firstName} ${payload.replier.lastName}`;
    const link = `/courses/${payload.course.id}/forum/${encodeURIComponent(payload.threadId)}`;
    await this.dispatcher.dispatch(manager, {
      sourceKey: envelope.id,
      eventId: envelope.id,
      eventSubject: envelope.subject,
      category: 'forum',
      template: 'forum_reply',
      targets: [
        {
          recipient,
          data: { student_name: recipient.firstName, course_name: payload.course.title, thread_title: payload.threadTitle, replier_name: replierName, reply_text: payload.replyText, discussion_link: link },
          title: `${replierName} replied to "${payload.threadTitle}"`,
          body: payload.replyText.slice(0, 280),
          link,
        },
      ],
    });
  }

  @EventHandler(coreEvents.quizGraded, { consumer: 'quiz-graded' })
  async quizGraded(payload: Payload<'quizGraded'>, { manager, envelope }: EventHandlerContext): Promise<void> {
    const recipient = await this.recipients.ensure(manager, payload.student);
    const link = `/courses/${payload.course.id}`;
    await this.dispatcher.dispatch(manager, {
      sourceKey: envelope.id,
      eventId: envelope.id,
      eventSubject: envelope.subject,
      category: 'grades',
      template: 'quiz_graded',
      targets: [
        {
          recipient,
          data: { student_name: recipient.firstName, quiz_name: payload.quizName, course_name: payload.course.title, score: payload.score, total_points: payload.totalPoints, percentage: round(payload.percentage), quiz_link: link },
          title: `Quiz graded: ${payload.quizName}`,
          body: `${payload.score}/${payload.totalPoints} (${round(payload.percentage)}%) in ${payload.course.title}`,
          link,
        },
      ],
    });
  }

  @EventHandler(coreEvents.certificateIssued, { consumer: 'certificate-issued' })
  async certificate(payload: Payload<'certificateIssued'>, { manager, envelope }: EventHandlerContext): Promise<void> {
    const recipient = await this.recipients.ensure(manager, payload.student);
    const link = payload.certificateUrl ?? `/courses/${payload.course.id}`;
    await this.dispatcher.dispatch(manager, {
      sourceKey: envelope.id,
      eventId: envelope.id,
      eventSubject: envelope.subject,
      category: 'achievements',
      template: 'certificate_issued',
      targets: [
        {
          recipient,
          data: { student_name: recipient.firstName, course_name: payload.course.title, certificate_link: link },
          title: `Certificate earned: ${payload.course.title}`,
          body: 'Your certificate is ready to download and share.',
          link,
        },
      ],
    });
  }

  @EventHandler(coreEvents.pathMilestoneReached, { consumer: 'path-milestone-reached' })
  async milestone(payload: Payload<'pathMilestoneReached'>, { manager, envelope }: EventHandlerContext): Promise<void> {
    const recipient = await this.recipients.ensure(manager, payload.student);
    const of = payload.totalCourses ? ` of ${payload.totalCourses}` : '';
    await this.dispatcher.dispatch(manager, {
      sourceKey: envelope.id,
      eventId: envelope.id,
      eventSubject: envelope.subject,
      category: 'achievements',
      template: 'path_milestone',
      targets: [
        {
          recipient,
          data: { student_name: recipient.firstName, path_name: payload.pathName, completed_courses: payload.completedCourses, path_link: '/' },
          title: `Milestone in ${payload.pathName}`,
          body: `You've completed ${payload.completedCourses}${of} courses.`,
          link: '/',
        },
      ],
    });
  }

  @EventHandler(coreEvents.gradeRecorded, { consumer: 'grade-recorded' })
  async grade(payload: Payload<'gradeRecorded'>, { manager, envelope }: EventHandlerContext): Promise<void> {
    const recipient = await this.recipients.ensure(manager, payload.student);
    const link = `/courses/${payload.course.id}`;
    await this.dispatcher.dispatch(manager, {
      sourceKey: envelope.id,
      eventId: envelope.id,
      eventSubject: envelope.subject,
      category: 'grades',
      template: 'grade_recorded',
      targets: [
        {
          recipient,
          data: {
            student_name: recipient.firstName, course_name: payload.course.title, assignment_title: payload.assignment.title, score: payload.score,
            max_score: payload.maxScore, percentage: round(payload.percentage), feedback: payload.feedback ?? '', grade_link: link,
          },
          title: `${payload.regraded ? 'Grade changed' : 'New grade'}: ${payload.assignment.title}`,
          body: `${payload.score}/${payload.maxScore} (${round(payload.percentage)}%) in ${payload.course.title}`,
          link,
        },
      ],
    });
  }

  @EventHandler(coreEvents.assignmentMissing, { consumer: 'assignment-missing' })
  async missing(payload: Payload<'assignmentMissing'>, { manager, envelope }: EventHandlerContext): Promise<void> {
    const recipient = await this.recipients.ensure(manager, payload.student);
    const link = `/courses/${payload.course.id}`;
    const due = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: safeZone(recipient.timezone) }).format(new Date(payload.assignment.dueAt));
    await this.dispatcher.dispatch(manager, {
      sourceKey: envelope.id,
      eventId: envelope.id,
      eventSubject: envelope.subject,
      category: 'coursework',
      template: 'assignment_missing',
      targets: [
        {
          recipient,
          data: { student_name: recipient.firstName, course_name: payload.course.title, assignment_title: payload.assignment.title, due_at: due, assignment_link: link },
          title: `Missing: ${payload.assignment.title}`,
          body: `Was due ${due} in ${payload.course.title}.`,
          link,
        },
      ],
    });
  }
}

function safeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}
