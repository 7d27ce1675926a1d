import { Injectable } from '@nestjs/common';
import { EventHandler, liveClassesEvents, type AttendancePolicy, type AttendanceStatus, type EventHandlerContext, type EventPayload } from '@tec/shared';
import type { EntityManager } from 'typeorm';
import { MarkApplier } from '../marking/mark-applier';
import { RecordsRepository } from '../marking/records.repository';
import { PoliciesRepository } from '../policies/policies.repository';
import { RosterRepository } from '../roster/roster.repository';
import { checkInWindow } from '../sessions/session-schedule';
import { SessionsRepository } from '../sessions/sessions.repository';
import { LiveClassSessionsRepository } from './live-class-sessions.repository';

type Computed = EventPayload<typeof liveClassesEvents.attendanceComputed>;
type Result = Computed['results'][number];

/** Below this share of the slot a student counts as absent, whenever they joined. */
export const LIVE_CLASS_MIN_RATIO = 0.5;

/** Methods a live-class result may overwrite: its own earlier revision and the auto-absent job. Everything else was a person's decision (or a QR scan in the room). */
const OVERWRITABLE = new Set(['live_class', 'auto']);

/**
 * present: at least LIVE_CLASS_MIN_RATIO of the slot and first in the meeting no later than the course's
 * late-after minutes; late: enough time but joined after that; absent: less than that share.
 */
export function liveClassStatus(result: Pick<Result, 'attendedRatio' | 'firstJoinedAt'>, slotStart: Date, policy: Pick<AttendancePolicy, 'lateAfterMinutes'>): AttendanceStatus {
  if (result.attendedRatio < LIVE_CLASS_MIN_RATIO || result.firstJoinedAt === null) return 'absent';
  const lateAfter = slotStart.getTime() + policy.lateAfterMinutes * 60_000;
  return Date.parse(result.firstJoinedAt) > lateAfter ? 'late' : 'present';
}

/**
 * Live classes → attendance: the computed presence of an ended live class becomes present/late/absent (method
 * `live_class`) on the class session linked to it (an overlapping session of the course, or one created for it).
 * A later revision of the same class updates its own marks; a teacher's override, an exemption or a QR check-in
 * is never overwritten.
 */
@Injectable()
export class LiveClassAttendanceHandler {
  constructor(
    private readonly roster: RosterRepository,
    private readonly sessions: SessionsRepository,
    private readonly links: LiveClassSessionsRepository,
    private readonly policies: PoliciesRepository,
    private readonly records: RecordsRepository,
    private readonly applier: MarkApplier,
  ) {}

  @EventHandler(liveClassesEvents.attendanceComputed, { consumer: 'live-classes-attendance-computed' })
  async computed(payload: Computed, { manager }: EventHandlerContext): Promise<void> {
    await this.roster.upsertCourse(payload.course, manager);
    const policy = await this.policies.forCourse(payload.course.id, manager);
    const slotStart = new Date(payload.slot.startsAt);
    const sessionId = await this.sessionFor(payload, policy, manager);
    const session = (await this.sessions.findById(sessionId, manager))!;
    if (session.status === 'cancelled') return;
    for (const result of [...payload.results].sort((a, b) => (a.student.id < b.student.id ? -1 : 1))) {
      const existing = await this.records.lockOne(session.id, result.student.id, manager);
      if (existing && !OVERWRITABLE.has(existing.method)) continue;
      const minutes = Math.round(result.minutesAttended);
      await this.applier.apply(
        {
          session,
          student: result.student,
          status: liveClassStatus(result, slotStart, policy),
          method: 'live_class',
          actorId: null,
          note: `Live class: ${minutes} min (${Math.round(result.attendedRatio * 100)}% of the class)`,
          policy,
        },
        manager,
      );
    }
  }

  private async sessionFor(payload: Computed, policy: AttendancePolicy, db: EntityManager): Promise<string> {
    const linked = await this.links.linked(payload.class.id, db);
    if (linked) return linked;
    const startsAt = new Date(payload.slot.startsAt);
    const endsAt = new Date(payload.slot.endsAt);
    const matching = await this.links.matching(payload.course.id, startsAt, endsAt, db);
    const sessionId =
      matching ??
      (
        await this.sessions.insertMany(
          [{ courseId: payload.course.id, seriesId: null, startsAt, endsAt, ...checkInWindow(startsAt, policy), topic: `Live class: ${payload.class.name}`, geofence: null, ipAllowList: [], createdBy: null }],
          db,
        )
      )[0]!;
    await this.links.link(sessionId, payload.class.id, db);
    return sessionId;
  }
}
