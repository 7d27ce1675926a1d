import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { EventCourse, EventUser } from '../core/events.contracts';
import { LiveClassProvider, LiveClassStatus } from './live-classes.dto';

/**
 * Events published by the live-classes service (through its outbox). Subjects are persisted contracts: never
 * rename one or change a payload incompatibly in place; add `live_classes.v2.<event>`, publish both, then retire
 * v1. Payloads carry the course, the teacher and (for reminders) the people to notify, so consumers never call back.
 */
const At = z.iso.datetime();
export const EventLiveClass = z.object({
  id: z.uuid(),
  seriesId: z.uuid().nullable(),
  name: z.string(),
  description: z.string().nullable(),
  startsAt: At,
  endsAt: At,
  timezone: z.string(),
  status: LiveClassStatus,
  provider: LiveClassProvider,
  maxParticipants: z.number().int().nullable(),
  recordingEnabled: z.boolean(),
  /** Web path of the class page (`/live-classes/<id>`), for links in notifications. */
  path: z.string(),
});
export type EventLiveClass = z.infer<typeof EventLiveClass>;

const Base = { class: EventLiveClass, course: EventCourse, teacher: EventUser };

export const EventAttendanceResult = z.object({
  student: EventUser,
  minutesAttended: z.number(),
  /** 0..1 of the scheduled slot. */
  attendedRatio: z.number(),
  /** 0..100 participation score (time share and Q&A activity). */
  score: z.number(),
  firstJoinedAt: At.nullable(),
});

export const liveClassesEvents = {
  scheduled: defineEvent('live_classes.v1.scheduled', z.object(Base), 'A live class was scheduled (one event per class of a weekly series).'),
  updated: defineEvent(
    'live_classes.v1.updated',
    z.object({ ...Base, changed: z.array(z.string()) }),
    'A scheduled live class changed (name, time, capacity, recording); `class` is the state after the change.',
  ),
  cancelled: defineEvent(
    'live_classes.v1.cancelled',
    z.object({ ...Base, reason: z.string().nullable(), cancelledBy: z.uuid().nullable() }),
    'A live class was cancelled; its provider meeting was deleted.',
  ),
  startingSoon: defineEvent(
    'live_classes.v1.starting_soon',
    z.object({ ...Base, minutesBefore: z.number().int(), students: z.array(EventUser) }),
    'A live class starts in about 15 minutes. Published once per class, to the enrolled students.',
  ),
  started: defineEvent(
    'live_classes.v1.started',
    z.object({ ...Base, startedAt: At, source: z.enum(['provider', 'clock']), students: z.array(EventUser) }),
    "A live class is in progress (the provider's meeting.started, or the clock at the start time). The plan's live_class_starts.",
  ),
  ended: defineEvent(
    'live_classes.v1.ended',
    z.object({ ...Base, endedAt: At, source: z.enum(['provider', 'clock']) }),
    'A live class is completed (meeting.ended, or the clock after the end time when no webhook came).',
  ),
  recordingReady: defineEvent(
    'live_classes.v1.recording_ready',
    z.object({
      ...Base,
      recording: z.object({ id: z.uuid(), playUrl: z.string(), durationMinutes: z.number().int().nullable(), path: z.string() }),
      students: z.array(EventUser),
    }),
    'A cloud recording of a live class is available to the course (Zoom recording.completed).',
  ),
  attendanceComputed: defineEvent(
    'live_classes.v1.attendance_computed',
    z.object({
      class: EventLiveClass,
      course: EventCourse,
      slot: z.object({ startsAt: At, endsAt: At }),
      /** One row per actively enrolled student, including those who never joined (minutesAttended 0). */
      results: z.array(EventAttendanceResult),
      computedAt: At,
      /** 1 for the first computation after the class ended, higher when late webhooks changed the result. */
      revision: z.number().int().min(1),
    }),
    "Attendance from presence of an ended class. The attendance service turns it into present/late/absent (method live_class), never over a teacher's override.",
  ),
} as const;

export type LiveClassesEvents = typeof liveClassesEvents;
