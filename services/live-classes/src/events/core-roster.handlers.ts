import { Injectable } from '@nestjs/common';
import { coreEvents, EventHandler, type EventPayload } from '@tec/shared';
import type { EventHandlerContext } from '@tec/shared';
import { RosterRepository } from '../roster/roster.repository';

/**
 * Keeps the roster read model (users with time zone and date of birth, courses, course teachers, enrollments)
 * from core's events. Each handler is one idempotent upsert in the consumer's transaction.
 * Consumer names are persisted contracts: never rename one in place.
 */
@Injectable()
export class CoreRosterHandlers {
  constructor(private readonly roster: RosterRepository) {}

  @EventHandler(coreEvents.userCreated, { consumer: 'core-user-created' })
  async userCreated(payload: EventPayload<typeof coreEvents.userCreated>, { manager }: EventHandlerContext) {
    await this.roster.upsertUser(payload.user, payload.active, manager);
  }

  @EventHandler(coreEvents.userUpdated, { consumer: 'core-user-updated' })
  async userUpdated(payload: EventPayload<typeof coreEvents.userUpdated>, { manager }: EventHandlerContext) {
    await this.roster.upsertUser(payload.user, payload.active, manager);
  }

  @EventHandler(coreEvents.courseCreated, { consumer: 'core-course-created' })
  async courseCreated(payload: EventPayload<typeof coreEvents.courseCreated>, { manager }: EventHandlerContext) {
    await this.roster.upsertCourse(payload.course, manager);
  }

  @EventHandler(coreEvents.courseUpdated, { consumer: 'core-course-updated' })
  async courseUpdated(payload: EventPayload<typeof coreEvents.courseUpdated>, { manager }: EventHandlerContext) {
    await this.roster.upsertCourse(payload.course, manager);
  }

  @EventHandler(coreEvents.courseTeacherAssigned, { consumer: 'core-course-teacher-assigned' })
  async teacherAssigned(payload: EventPayload<typeof coreEvents.courseTeacherAssigned>, { manager }: EventHandlerContext) {
    // The course and the teacher travel in the payload: the read model is complete even if this event comes first.
    await this.roster.upsertCourse(payload.course, manager);
    await this.roster.upsertUser(payload.teacher, true, manager);
    await this.roster.addTeacher(payload.course.id, payload.teacher.id, manager);
  }

  @EventHandler(coreEvents.enrollmentCreated, { consumer: 'core-enrollment-created' })
  async enrollmentCreated(payload: EventPayload<typeof coreEvents.enrollmentCreated>, { manager }: EventHandlerContext) {
    await this.roster.upsertCourse(payload.course, manager);
    await this.roster.upsertUser(payload.student, true, manager);
    await this.roster.setEnrollment(payload.course.id, payload.student.id, true, payload.enrolledAt, manager);
  }

  @EventHandler(coreEvents.enrollmentDropped, { consumer: 'core-enrollment-dropped' })
  async enrollmentDropped(payload: EventPayload<typeof coreEvents.enrollmentDropped>, { manager }: EventHandlerContext) {
    await this.roster.upsertCourse(payload.course, manager);
    await this.roster.setEnrollment(payload.course.id, payload.student.id, false, payload.droppedAt, manager);
  }
}
