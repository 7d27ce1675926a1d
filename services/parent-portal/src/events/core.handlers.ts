import { Injectable } from '@nestjs/common';
import { coreEvents, EventHandler, type EventPayload } from '@tec/shared';
import type { EventHandlerContext } from '@tec/shared';
import { AlertEngine } from '../alerts/alert-engine';
import { LinkActivation } from '../links/link-activation';
import { ReadModelRepository } from '../read-model/read-model.repository';

type Payload<K extends keyof typeof coreEvents> = EventPayload<(typeof coreEvents)[K]>;

/**
 * Core's facts: people (with date of birth, for the adult-consent rule), courses (level: bachelor makes a student an
 * adult here), teachers, enrollments, assignments, grades and missing work. Each handler is idempotent upserts in the
 * consumer's transaction (the inbox stops exact redeliveries), then the alert checks the change may trigger.
 * Consumer names are persisted contracts: never rename one in place.
 */
@Injectable()
export class CoreHandlers {
  constructor(
    private readonly readModel: ReadModelRepository,
    private readonly activation: LinkActivation,
    private readonly engine: AlertEngine,
  ) {}

  @EventHandler(coreEvents.userCreated, { consumer: 'core-user-created' })
  async userCreated(payload: Payload<'userCreated'>, { manager }: EventHandlerContext) {
    await this.readModel.upsertUser(payload.user, payload.active, manager);
  }

  @EventHandler(coreEvents.userUpdated, { consumer: 'core-user-updated' })
  async userUpdated(payload: Payload<'userUpdated'>, { manager }: EventHandlerContext) {
    await this.readModel.upsertUser(payload.user, payload.active, manager);
    // A corrected date of birth can make the child an adult: links then need consent.
    if (payload.user.role === 'student') await this.activation.recheckStudent(payload.user.id, manager);
  }

  @EventHandler(coreEvents.courseCreated, { consumer: 'core-course-created' })
  async courseCreated(payload: Payload<'courseCreated'>, { manager }: EventHandlerContext) {
    await this.readModel.upsertCourse(payload.course, manager);
  }

  @EventHandler(coreEvents.courseUpdated, { consumer: 'core-course-updated' })
  async courseUpdated(payload: Payload<'courseUpdated'>, { manager }: EventHandlerContext) {
    await this.readModel.upsertCourse(payload.course, manager);
    if (payload.changed.includes('level')) {
      for (const studentId of await this.readModel.studentsOfCourse(payload.course.id, manager)) await this.activation.recheckStudent(studentId, manager);
    }
  }

  @EventHandler(coreEvents.courseTeacherAssigned, { consumer: 'core-course-teacher-assigned' })
  async teacherAssigned(payload: Payload<'courseTeacherAssigned'>, { manager }: EventHandlerContext) {
    await this.readModel.upsertCourse(payload.course, manager);
    await this.readModel.touchUser(payload.teacher, manager);
    await this.readModel.addTeacher(payload.course.id, payload.teacher.id, manager);
  }

  @EventHandler(coreEvents.enrollmentCreated, { consumer: 'core-enrollment-created' })
  async enrollmentCreated(payload: Payload<'enrollmentCreated'>, { manager }: EventHandlerContext) {
    await this.readModel.upsertCourse(payload.course, manager);
    await this.readModel.touchUser(payload.student, manager);
    await this.readModel.setEnrollment(payload.course.id, payload.student.id, true, payload.enrolledAt, manager);
    await this.activation.recheckStudent(payload.student.id, manager);
  }

  @EventHandler(coreEvents.enrollmentDropped, { consumer: 'core-enrollment-dropped' })
  async enrollmentDropped(payload: Payload<'enrollmentDropped'>, { manager }: EventHandlerContext) {
    await this.readModel.upsertCourse(payload.course, manager);
    await this.readModel.setEnrollment(payload.course.id, payload.student.id, false, payload.droppedAt, manager);
  }

  @EventHandler(coreEvents.assignmentCreated, { consumer: 'core-assignment-created' })
  async assignmentCreated(payload: Payload<'assignmentCreated'>, { manager }: EventHandlerContext) {
    await this.readModel.upsertCourse(payload.course, manager);
    await this.readModel.upsertAssignment(payload.assignment, payload.course.id, manager);
  }

  @EventHandler(coreEvents.submissionRecorded, { consumer: 'core-submission-recorded' })
  async submissionRecorded(payload: Payload<'submissionRecorded'>, { manager }: EventHandlerContext) {
    await this.readModel.upsertAssignment(payload.assignment, payload.course.id, manager);
    if (await this.readModel.resolveMissing(payload.assignment.id, payload.student.id, payload.submittedAt, manager)) {
      await this.engine.afterHandedIn(payload.student.id, payload.assignment.id, manager);
    }
  }

  @EventHandler(coreEvents.gradeRecorded, { consumer: 'core-grade-recorded' })
  async gradeRecorded(payload: Payload<'gradeRecorded'>, { manager }: EventHandlerContext) {
    await this.readModel.upsertCourse(payload.course, manager);
    await this.readModel.touchUser(payload.student, manager);
    await this.readModel.upsertAssignment(payload.assignment, payload.course.id, manager);
    await this.readModel.upsertGrade(
      {
        assignmentId: payload.assignment.id,
        studentId: payload.student.id,
        courseId: payload.course.id,
        score: payload.score,
        maxScore: payload.maxScore,
        percentage: payload.percentage,
        gradedAt: payload.gradedAt,
      },
      manager,
    );
    await this.readModel.resolveMissing(payload.assignment.id, payload.student.id, payload.gradedAt, manager);
    await this.engine.afterGrade(payload.student.id, payload.course, payload.assignment, payload.percentage, manager);
  }

  @EventHandler(coreEvents.assignmentMissing, { consumer: 'core-assignment-missing' })
  async assignmentMissing(payload: Payload<'assignmentMissing'>, { manager }: EventHandlerContext) {
    await this.readModel.upsertCourse(payload.course, manager);
    await this.readModel.touchUser(payload.student, manager);
    await this.readModel.upsertAssignment(payload.assignment, payload.course.id, manager);
    await this.readModel.markMissing(payload.assignment.id, payload.student.id, payload.course.id, payload.detectedAt, manager);
    await this.engine.afterMissing(payload.student.id, payload.course, payload.assignment, manager);
  }
}
