import { Injectable } from '@nestjs/common';
import { DomainError, type ApiKeyScope, type AuthContext } from '@tec/shared';
import type { EntityManager } from 'typeorm';
import { hasScope, isAdmin } from '../common/access';
import type { CourseEntity } from './course.entity';
import { CoursesRepository } from './courses.repository';

export type CourseRelation = 'teaching' | 'enrolled' | null;

/**
 * Object-level authorization for everything that hangs off a course. Admins may do everything; integrators
 * what their scope allows; teachers only their own courses; students only courses they are enrolled in.
 */
@Injectable()
export class CourseAccess {
  constructor(private readonly courses: CoursesRepository) {}

  async requireCourse(courseId: string, db?: EntityManager): Promise<CourseEntity> {
    const course = await this.courses.findById(courseId, db);
    if (!course) throw DomainError.notFound('Course');
    return course;
  }

  /** Set work, grade, see the roster: a teacher of this course, an admin, or a key with `scope`. */
  async assertCanTeach(auth: AuthContext, courseId: string, scope: ApiKeyScope, db?: EntityManager): Promise<CourseEntity> {
    const course = await this.requireCourse(courseId, db);
    if (isAdmin(auth) || hasScope(auth, scope)) return course;
    if (auth.kind === 'user' && auth.role === 'teacher' && (await this.courses.membership(courseId, auth.userId, db)).teaching) {
      return course;
    }
    throw this.refusal(auth, scope, 'You do not teach this course');
  }

  /** See the course and its assignments: any member, an admin, or a key with `courses:read`. */
  async assertCanRead(auth: AuthContext, courseId: string): Promise<{ course: CourseEntity; relation: CourseRelation }> {
    const course = await this.requireCourse(courseId);
    if (isAdmin(auth) || hasScope(auth, 'courses:read')) return { course, relation: null };
    if (auth.kind === 'user') {
      const membership = await this.courses.membership(courseId, auth.userId);
      if (membership.teaching) return { course, relation: 'teaching' };
      if (membership.enrolled) return { course, relation: 'enrolled' };
    }
    throw this.refusal(auth, 'courses:read', 'You are not a member of this course');
  }

  private refusal(auth: AuthContext, scope: ApiKeyScope, message: string): DomainError {
    if (auth.kind === 'api_key') return new DomainError('INSUFFICIENT_SCOPE', `This API key lacks the scope ${scope}`, { missing: [scope] });
    if (auth.kind === 'anonymous') return new DomainError('UNAUTHENTICATED', 'Sign in first');
    return DomainError.forbidden(message);
  }
}
