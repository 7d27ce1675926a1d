import { Injectable } from '@nestjs/common';
import { coreEvents, EventHandler, type EventHandlerContext, type EventPayload } from '@tec/shared';
import { CourseConversations } from '../conversations/course-conversations';
import { RosterRepository } from '../roster/roster.repository';

type Core<K extends keyof typeof coreEvents> = EventPayload<(typeof coreEvents)[K]>;

/**
 * Pushes about membership changes made by an event handler go out shortly after the handler returns (the consumer
 * commits right after); a client that refreshes early just refreshes again on the next change.
 */
function soon(notify: () => void): void {
  setTimeout(notify, 200).unref();
}

/**
 * Keeps chat's roster read model (users, courses, course teachers, enrollments) and the course conversations'
 * membership from core's events (the parent links are the platform kit's `ParentLinksHandlers`). Each handler is idempotent and runs in the
 * consumer's transaction with its inbox row. Consumer names are persisted contracts: never rename one in place.
 */
@Injectable()
export class RosterHandlers {
  constructor(
    private readonly roster: RosterRepository,
    private readonly courses: CourseConversations,
  ) {}

  @EventHandler(coreEvents.userCreated, { consumer: 'core-user-created' })
  async userCreated(payload: Core<'userCreated'>, { manager }: EventHandlerContext) {
    await this.roster.upsertUser(payload.user, payload.active, manager);
  }

  @EventHandler(coreEvents.userUpdated, { consumer: 'core-user-updated' })
  async userUpdated(payload: Core<'userUpdated'>, { manager }: EventHandlerContext) {
    await this.roster.upsertUser(payload.user, payload.active, manager);
  }

  @EventHandler(coreEvents.courseCreated, { consumer: 'core-course-created' })
  async courseCreated(payload: Core<'courseCreated'>, { manager }: EventHandlerContext) {
    await this.roster.upsertCourse(payload.course, manager);
    await this.courses.ensure(payload.course, manager);
  }

  @EventHandler(coreEvents.courseUpdated, { consumer: 'core-course-updated' })
  async courseUpdated(payload: Core<'courseUpdated'>, { manager }: EventHandlerContext) {
    await this.roster.upsertCourse(payload.course, manager);
    await this.courses.rename(payload.course, manager);
  }

  @EventHandler(coreEvents.courseTeacherAssigned, { consumer: 'core-course-teacher-assigned' })
  async teacherAssigned(payload: Core<'courseTeacherAssigned'>, { manager }: EventHandlerContext) {
    await this.roster.upsertCourse(payload.course, manager);
    await this.roster.upsertUser(payload.teacher, true, manager);
    await this.roster.addTeacher(payload.course.id, payload.teacher.id, manager);
    soon(await this.courses.teacherJoined(payload.course, payload.teacher.id, manager));
  }

  @EventHandler(coreEvents.enrollmentCreated, { consumer: 'core-enrollment-created' })
  async enrollmentCreated(payload: Core<'enrollmentCreated'>, { manager }: EventHandlerContext) {
    await this.roster.upsertCourse(payload.course, manager);
    await this.roster.upsertUser(payload.student, true, manager);
    if (await this.roster.setEnrollment(payload.course.id, payload.student.id, true, payload.enrolledAt, manager)) {
      soon(await this.courses.studentEnrolled(payload.course, payload.student.id, manager));
    }
  }

  @EventHandler(coreEvents.enrollmentDropped, { consumer: 'core-enrollment-dropped' })
  async enrollmentDropped(payload: Core<'enrollmentDropped'>, { manager }: EventHandlerContext) {
    await this.roster.upsertCourse(payload.course, manager);
    if (await this.roster.setEnrollment(payload.course.id, payload.student.id, false, payload.droppedAt, manager)) {
      soon(await this.courses.studentDropped(payload.course.id, payload.student.id, manager));
    }
  }
}
