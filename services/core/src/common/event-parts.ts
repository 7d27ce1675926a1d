import type { UserProfile } from '@tec/shared';
import type { CourseEntity } from '../courses/course.entity';
import type { AssignmentEntity } from '../coursework/assignment.entity';
import type { UserEntity } from '../users/user.entity';

/** The user shape that crosses the process boundary (RPC replies and event payloads). */
export function toUserProfile(user: UserEntity): UserProfile {
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    role: user.role,
    timezone: user.timezone,
    locale: user.locale,
    dateOfBirth: user.dateOfBirth,
  };
}

export function toEventCourse(course: Pick<CourseEntity, 'id' | 'code' | 'title'>) {
  return { id: course.id, code: course.code, title: course.title };
}

export function toEventAssignment(assignment: Pick<AssignmentEntity, 'id' | 'title' | 'dueAt' | 'maxScore'>) {
  return { id: assignment.id, title: assignment.title, dueAt: assignment.dueAt.toISOString(), maxScore: assignment.maxScore };
}

export function percentage(score: number, of: number): number {
  return Math.round((score / of) * 10_000) / 100;
}
