import { Injectable } from '@nestjs/common';
import { EventHandler, liveClassesEvents, type EventPayload } from '@tec/shared';
import type { EventHandlerContext } from '@tec/shared';
import { AlertEngine } from '../alerts/alert-engine';
import { ReadModelRepository } from '../read-model/read-model.repository';

type Payload<K extends keyof typeof liveClassesEvents> = EventPayload<(typeof liveClassesEvents)[K]>;

/**
 * Live classes: the schedule (upcoming classes on the child page and in digests) and computed attendance (past
 * classes, and the "live class missed" alert). A later revision of a class's attendance replaces an earlier one; a
 * late join recorded by a new revision re-arms the alert.
 */
@Injectable()
export class LiveClassesHandlers {
  constructor(
    private readonly readModel: ReadModelRepository,
    private readonly engine: AlertEngine,
  ) {}

  @EventHandler(liveClassesEvents.scheduled, { consumer: 'live-classes-scheduled' })
  async scheduled(payload: Payload<'scheduled'>, { manager }: EventHandlerContext) {
    await this.upsert(payload, manager);
  }

  @EventHandler(liveClassesEvents.updated, { consumer: 'live-classes-updated' })
  async updated(payload: Payload<'updated'>, { manager }: EventHandlerContext) {
    await this.upsert(payload, manager);
  }

  @EventHandler(liveClassesEvents.cancelled, { consumer: 'live-classes-cancelled' })
  async cancelled(payload: Payload<'cancelled'>, { manager }: EventHandlerContext) {
    await this.upsert({ ...payload, class: { ...payload.class, status: 'cancelled' } }, manager);
  }

  @EventHandler(liveClassesEvents.attendanceComputed, { consumer: 'live-classes-attendance-computed' })
  async attendance(payload: Payload<'attendanceComputed'>, { manager }: EventHandlerContext) {
    await this.upsert(payload, manager);
    for (const result of payload.results) await this.readModel.touchUser(result.student, manager);
    const changed = new Set(
      await this.readModel.upsertLiveAttendance(
        payload.class.id,
        payload.course.id,
        payload.revision,
        payload.results.map((result) => ({ studentId: result.student.id, minutesAttended: result.minutesAttended, attendedRatio: result.attendedRatio })),
        manager,
      ),
    );
    for (const result of payload.results) {
      if (!changed.has(result.student.id)) continue;
      await this.engine.afterLiveClass(result.student.id, payload.course, { id: payload.class.id, name: payload.class.name, startsAt: payload.class.startsAt }, result.minutesAttended <= 0, manager);
    }
  }

  private async upsert(payload: Pick<Payload<'scheduled'>, 'class' | 'course'>, manager: EventHandlerContext['manager']): Promise<void> {
    await this.readModel.upsertCourse(payload.course, manager);
    await this.readModel.upsertLiveClass(
      { id: payload.class.id, courseId: payload.course.id, name: payload.class.name, startsAt: payload.class.startsAt, endsAt: payload.class.endsAt, status: payload.class.status },
      manager,
    );
  }
}
