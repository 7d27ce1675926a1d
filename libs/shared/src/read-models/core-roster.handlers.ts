import { Injectable } from '@nestjs/common';
import { coreEvents } from '../contracts/core/events.contracts';
import type { EventPayload } from '../contracts/event-contract';
import { EventHandler, type EventHandlerContext } from '../events/event-handler.decorator';
import { RosterReadModel } from './roster.read-model';

/**
 * Keeps a service's roster read model (users with time zone and date of birth, courses, course teachers,
 * enrollments) from core's events. Each handler is one idempotent upsert in the consumer's transaction.
 * Consumer names are persisted contracts (each service's durable is `<service>-<consumer>`): never rename one.
 * Register it with `RosterReadModel` (or a subclass provided as `RosterReadModel`) in the service's providers.
 */
@Injectable()
export class CoreRosterHandlers {
  constructor(private readonly roster: RosterReadModel) {}

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
