import { Injectable } from '@nestjs/common';
import { DomainError, type AuthContext, type UserAuthContext } from '@tec/shared';
import type { EntityManager } from 'typeorm';
import { isAdmin, requireUser } from '../common/access';
import { RosterRepository, type CourseRow } from './roster.repository';

export type CourseRole = 'admin' | 'teacher' | 'student';

/**
 * Object-level authorization from the read model: admins may do everything, teachers only in the courses they
 * teach, students only in courses they are actively enrolled in. Parents see live classes through the parent
 * portal's events (scheduled/updated/cancelled/attendance_computed), not here.
 */
@Injectable()
export class CourseAccess {
  constructor(private readonly roster: RosterRepository) {}

  async requireCourse(courseId: string, db?: EntityManager): Promise<CourseRow> {
    const course = await this.roster.findCourse(courseId, db);
    if (!course) throw DomainError.notFound('Course');
    return course;
  }

  /** Schedule, edit, cancel, answer questions, see everyone's attendance: a teacher of this course or an admin. */
  async assertCanTeach(auth: AuthContext, courseId: string, db?: EntityManager): Promise<{ course: CourseRow; user: UserAuthContext }> {
    const user = requireUser(auth);
    const course = await this.requireCourse(courseId, db);
    if (isAdmin(user)) return { course, user };
    if (user.role === 'teacher' && (await this.roster.isTeacherOf(courseId, user.userId, db))) return { course, user };
    throw DomainError.forbidden('You do not teach this course');
  }

  /** The caller's role in the course, or FORBIDDEN (NOT_ENROLLED for a student outside it). */
  async roleIn(auth: AuthContext, courseId: string, db?: EntityManager): Promise<{ user: UserAuthContext; role: CourseRole }> {
    const user = requireUser(auth);
    if (isAdmin(user)) return { user, role: 'admin' };
    if (user.role === 'teacher' && (await this.roster.isTeacherOf(courseId, user.userId, db))) return { user, role: 'teacher' };
    if (user.role === 'student') {
      if (await this.roster.isEnrolled(courseId, user.userId, db)) return { user, role: 'student' };
      throw new DomainError('NOT_ENROLLED', 'You are not enrolled in this course');
    }
    throw DomainError.forbidden('You are not a member of this course');
  }

  /** The courses whose classes the caller may list: null = all (admins). */
  async visibleCourseIds(auth: AuthContext): Promise<string[] | null> {
    const user = requireUser(auth);
    if (isAdmin(user)) return null;
    if (user.role === 'teacher') return this.roster.courseIdsTaughtBy(user.userId);
    if (user.role === 'student') return this.roster.courseIdsOfStudent(user.userId);
    return [];
  }
}
