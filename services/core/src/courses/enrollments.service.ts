import { Inject, Injectable } from '@nestjs/common';
import { coreEvents, DATA_SOURCE, DomainError, enqueueEvent, inTransaction, type Enrollment } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { toEventCourse, toUserProfile } from '../common/event-parts';
import { UsersRepository } from '../users/users.repository';
import { CourseAccess } from './course-access.service';
import type { EnrollmentEntity } from './enrollment.entity';
import { EnrollmentsRepository, type EnrollChange } from './enrollments.repository';

function toEnrollment(enrollment: EnrollmentEntity): Enrollment {
  return {
    id: enrollment.id,
    courseId: enrollment.courseId,
    studentId: enrollment.studentId,
    status: enrollment.status,
    enrolledAt: enrollment.enrolledAt.toISOString(),
    droppedAt: enrollment.droppedAt?.toISOString() ?? null,
  };
}

@Injectable()
export class EnrollmentsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly enrollments: EnrollmentsRepository,
    private readonly users: UsersRepository,
    private readonly access: CourseAccess,
  ) {}

  async enroll(courseId: string, studentId: string): Promise<Enrollment> {
    const { enrollment } = await inTransaction(this.dataSource, (db) => this.enrollInTransaction(courseId, studentId, db));
    return toEnrollment(enrollment);
  }

  /** Enrolling an active student again changes nothing and publishes nothing. */
  async enrollInTransaction(
    courseId: string,
    studentId: string,
    db: EntityManager,
    enrolledAt?: Date,
  ): Promise<{ enrollment: EnrollmentEntity; change: EnrollChange }> {
    const course = await this.access.requireCourse(courseId, db);
    const student = await this.users.findById(studentId, db);
    if (!student) throw DomainError.notFound('User');
    if (student.role !== 'student') throw DomainError.validation([{ path: 'studentId', message: 'only students can be enrolled' }]);
    const result = await this.enrollments.activate(courseId, studentId, db, enrolledAt);
    if (result.change !== 'unchanged') {
      await enqueueEvent(db, coreEvents.enrollmentCreated, {
        enrollmentId: result.enrollment.id,
        course: toEventCourse(course),
        student: toUserProfile(student),
        enrolledAt: result.enrollment.enrolledAt.toISOString(),
        reactivated: result.change === 'reactivated',
      });
    }
    return result;
  }

  async drop(courseId: string, studentId: string): Promise<Enrollment> {
    return inTransaction(this.dataSource, async (db) => {
      const course = await this.access.requireCourse(courseId, db);
      const dropped = await this.enrollments.drop(courseId, studentId, db);
      if (!dropped) {
        const existing = await this.enrollments.findForStudent(courseId, studentId, db);
        if (!existing) throw DomainError.notFound('Enrollment');
        return toEnrollment(existing);
      }
      const student = await this.users.findById(studentId, db);
      if (!student) throw DomainError.notFound('User');
      await enqueueEvent(db, coreEvents.enrollmentDropped, {
        enrollmentId: dropped.id,
        course: toEventCourse(course),
        student: toUserProfile(student),
        droppedAt: (dropped.droppedAt ?? new Date()).toISOString(),
      });
      return toEnrollment(dropped);
    });
  }
}
