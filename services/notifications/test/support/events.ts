import { randomUUID } from 'node:crypto';
import { coreEvents, type UserProfile } from '@tec/shared';
import { publishTestEvent } from '@tec/shared/testing';
import type { NotificationsTestService } from '../notifications-test-kit';

export const course = { id: randomUUID(), code: 'MATH-12A', title: 'Mathematics 12A' };

/** Publishes core.v1.quiz_graded for a student, as core's relay would. */
export function quizGraded(service: NotificationsTestService, student: UserProfile, overrides: { quizName?: string; id?: string } = {}) {
  return publishTestEvent(
    service.nats,
    service.prefix,
    coreEvents.quizGraded,
    {
      quizResultId: randomUUID(),
      quizId: 'q1',
      quizName: overrides.quizName ?? 'Derivatives',
      course,
      student,
      score: 18,
      totalPoints: 20,
      percentage: 90,
      gradedAt: new Date().toISOString(),
    },
    { producer: 'core', ...(overrides.id ? { id: overrides.id } : {}) },
  );
}

export function forumReply(service: NotificationsTestService, author: UserProfile, replyText: string) {
  return publishTestEvent(service.nats, service.prefix, coreEvents.forumReplyPosted, {
    replyId: randomUUID(),
    course,
    threadId: 't1',
    threadTitle: 'Limits homework',
    threadAuthor: author,
    replier: { id: randomUUID(), firstName: 'Rita', lastName: 'Rivera', role: 'teacher' },
    replyText,
    postedAt: new Date().toISOString(),
  }, { producer: 'core' });
}
