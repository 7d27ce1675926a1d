import { Injectable } from '@nestjs/common';
import { coreEvents, EventHandler, parentPortalLinkEvents, type EventHandlerContext, type EventPayload } from '@tec/shared';
import { CourseConversations } from '../conversations/course-conversations';
import { RosterRepository } from '../roster/roster.repository';

type Core<K extends keyof typeof coreEvents> = EventPayload<(typeof coreEvents)[K]>;
type Links<K extends keyof typeof parentPortalLinkEvents> = EventPayload<(typeof parentPortalLinkEvents)[K]>;

/**
 * Pushes about membership changes made by an event handler go out shortly after the handler returns (the consumer
 * commits right after); a client that refreshes early just refreshes again on the next change.
 */
function soon(notify: () => void): void {
  setTimeout(notify, 200).unref();
}

/**
 * Keeps chat's read model (users, courses, course teachers, enrollments, active parent links) and the course
 * conversations' membership from core and parent-portal events. Each handler is idempotent and runs in the
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

  @EventHandler(parentPortalLinkEvents.linkActivated, { consumer: 'parent-portal-link-activated' })
  async linkActivated(payload: Links<'linkActivated'>, { manager }: EventHandlerContext) {
    await this.roster.upsertUser(payload.parent, true, manager);
    await this.roster.upsertUser(payload.student, true, manager);
    await this.roster.setParentLink({ linkId: payload.linkId, parentId: payload.parent.id, studentId: payload.student.id, relationship: payload.relationship, active: true }, manager);
  }

  @EventHandler(parentPortalLinkEvents.linkDeactivated, { consumer: 'parent-portal-link-deactivated' })
  async linkDeactivated(payload: Links<'linkDeactivated'>, { manager }: EventHandlerContext) {
    await this.roster.setParentLink({ linkId: payload.linkId, parentId: payload.parentId, studentId: payload.studentId, relationship: 'unknown', active: false }, manager);
  }
}
