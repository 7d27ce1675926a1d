import { Injectable } from '@nestjs/common';
import { attendanceEvents, EventHandler, type EventPayload } from '@tec/shared';
import type { EventHandlerContext } from '@tec/shared';
import { AlertEngine } from '../alerts/alert-engine';
import { ReadModelRepository } from '../read-model/read-model.repository';

type Payload<K extends keyof typeof attendanceEvents> = EventPayload<(typeof attendanceEvents)[K]>;

/**
 * Attendance's facts: sessions (upcoming classes) and each student's record per session, kept newest-mark-wins.
 * Low attendance and absence streaks are computed here against each parent's own thresholds (the attendance
 * service's own alerts use the course policy, which is not what a parent chose).
 */
@Injectable()
export class AttendanceHandlers {
  constructor(
    private readonly readModel: ReadModelRepository,
    private readonly engine: AlertEngine,
  ) {}

  @EventHandler(attendanceEvents.sessionsScheduled, { consumer: 'attendance-sessions-scheduled' })
  async scheduled(payload: Payload<'sessionsScheduled'>, { manager }: EventHandlerContext) {
    await this.readModel.upsertCourse(payload.course, manager);
    for (const session of payload.sessions) await this.readModel.upsertSession(payload.course.id, session, manager);
  }

  @EventHandler(attendanceEvents.sessionCancelled, { consumer: 'attendance-session-cancelled' })
  async cancelled(payload: Payload<'sessionCancelled'>, { manager }: EventHandlerContext) {
    await this.readModel.upsertSession(payload.course.id, payload.session, manager, true);
  }

  @EventHandler(attendanceEvents.marked, { consumer: 'attendance-marked' })
  async marked(payload: Payload<'marked'>, context: EventHandlerContext) {
    await this.record(payload, context);
  }

  @EventHandler(attendanceEvents.changed, { consumer: 'attendance-changed' })
  async changed(payload: Payload<'changed'>, context: EventHandlerContext) {
    await this.record(payload, context);
  }

  @EventHandler(attendanceEvents.studentAbsent, { consumer: 'attendance-student-absent' })
  async absent(payload: Payload<'studentAbsent'>, { manager }: EventHandlerContext) {
    await this.readModel.upsertCourse(payload.course, manager);
    await this.readModel.touchUser(payload.student, manager);
    await this.readModel.upsertSession(payload.course.id, payload.session, manager);
    await this.engine.afterAbsence(payload.student.id, payload.course, payload.session, payload.date, manager);
  }

  private async record(payload: Payload<'marked'>, { manager }: EventHandlerContext): Promise<void> {
    await this.readModel.upsertCourse(payload.course, manager);
    await this.readModel.touchUser(payload.student, manager);
    await this.readModel.upsertSession(payload.course.id, payload.session, manager);
    const changed = await this.readModel.upsertRecord(
      {
        sessionId: payload.session.id,
        studentId: payload.student.id,
        courseId: payload.course.id,
        status: payload.record.status,
        sessionStartsAt: payload.session.startsAt,
        markedAt: payload.record.markedAt,
      },
      manager,
    );
    if (!changed) return;
    if (payload.record.status !== 'absent') await this.engine.afterPresence(payload.student.id, payload.session.id, manager);
    await this.engine.afterAttendanceChange(payload.student.id, payload.course.id, manager);
  }
}
