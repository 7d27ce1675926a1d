import { Injectable } from '@nestjs/common';
import { DomainError, type AuthContext, type UserAuthContext } from '@tec/shared';
import type { EntityManager } from 'typeorm';
import { isAdmin, requireUser } from '../common/access';
import { RosterRepository, type CourseRow } from './roster.repository';

/**
 * Object-level authorization for everything that hangs off a course, from the read model: admins may do
 * everything, teachers only in the courses they teach, students only their own data in courses they take.
 */
@Injectable()
export class CourseAccess {
  constructor(private readonly roster: RosterRepository) {}

  async requireCourse(courseId: string, db?: EntityManager): Promise<CourseRow> {
    const course = await this.roster.findCourse(courseId, db);
    if (!course) throw DomainError.notFound('Course');
    return course;
  }

  /** Schedule, mark, see everyone's records: a teacher of this course or an admin. */
  async assertCanTeach(auth: AuthContext, courseId: string, db?: EntityManager): Promise<{ course: CourseRow; user: UserAuthContext }> {
    const user = requireUser(auth);
    const course = await this.requireCourse(courseId, db);
    if (isAdmin(user)) return { course, user };
    if (user.role === 'teacher' && (await this.roster.isTeacherOf(courseId, user.userId, db))) return { course, user };
    throw DomainError.forbidden('You do not teach this course');
  }

  /** Teachers of the course and admins see all; an enrolled student sees the course (and only their own records). */
  async assertMember(auth: AuthContext, courseId: string): Promise<{ course: CourseRow; user: UserAuthContext; teaches: boolean }> {
    const user = requireUser(auth);
    const course = await this.requireCourse(courseId);
    if (isAdmin(user)) return { course, user, teaches: true };
    if (user.role === 'teacher' && (await this.roster.isTeacherOf(courseId, user.userId))) return { course, user, teaches: true };
    if (user.role === 'student' && (await this.roster.isEnrolled(courseId, user.userId))) return { course, user, teaches: false };
    throw DomainError.forbidden('You are not a member of this course');
  }

  /** The courses whose data the caller may list: null = all (admins). */
  async visibleCourseIds(auth: AuthContext): Promise<string[] | null> {
    const user = requireUser(auth);
    if (isAdmin(user)) return null;
    if (user.role === 'teacher') return this.roster.courseIdsTaughtBy(user.userId);
    if (user.role === 'student') return this.roster.courseIdsOfStudent(user.userId);
    return [];
  }
}
