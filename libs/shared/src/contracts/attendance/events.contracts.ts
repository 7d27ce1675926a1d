import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { EventCourse, EventUser } from '../core/events.contracts';
import { AttendanceStatus, MarkingMethod } from './attendance.dto';

/**
 * Events published by the attendance service (through its outbox). Subjects are persisted contracts: never
 * rename one or change a payload incompatibly in place; add `attendance.v2.<event>`, publish both, then retire
 * v1. Payloads carry names, emails, time zones and the course, so consumers (notifications, the parent portal)
 * never call back.
 */
const At = z.iso.datetime();
const EventSession = z.object({ id: z.uuid(), startsAt: At, endsAt: At, topic: z.string().nullable() });
const EventRecord = z.object({
  id: z.uuid(),
  status: AttendanceStatus,
  method: MarkingMethod,
  markedBy: z.uuid().nullable(),
  markedAt: At,
  note: z.string().nullable(),
});
const Counts = z.object({ present: z.number().int(), late: z.number().int(), absent: z.number().int(), excused: z.number().int() });

export const attendanceEvents = {
  sessionsScheduled: defineEvent(
    'attendance.v1.sessions_scheduled',
    z.object({ course: EventCourse, seriesId: z.uuid().nullable(), sessions: z.array(EventSession), scheduledBy: z.uuid().nullable() }),
    'One or more class sessions were scheduled (a single session, or a weekly series in one event).',
  ),
  sessionCancelled: defineEvent(
    'attendance.v1.session_cancelled',
    z.object({ course: EventCourse, session: EventSession, reason: z.string().nullable(), cancelledBy: z.uuid().nullable() }),
    'A class session was cancelled.',
  ),
  sessionStartingSoon: defineEvent(
    'attendance.v1.session_starting_soon',
    z.object({ course: EventCourse, session: EventSession, minutesBefore: z.number().int(), students: z.array(EventUser) }),
    "The plan's attendance_alert: a session starts in about 15 minutes. Published once per session.",
  ),
  sessionClosed: defineEvent(
    'attendance.v1.session_closed',
    z.object({ course: EventCourse, session: EventSession, counts: Counts, closedAt: At }),
    'Check-in closed; every enrolled student without a record was marked absent (method auto).',
  ),
  marked: defineEvent(
    'attendance.v1.marked',
    z.object({ course: EventCourse, session: EventSession, student: EventUser, record: EventRecord }),
    'A student got a first attendance record for a session.',
  ),
  changed: defineEvent(
    'attendance.v1.changed',
    z.object({ course: EventCourse, session: EventSession, student: EventUser, record: EventRecord, fromStatus: AttendanceStatus }),
    "A student's attendance status for a session changed.",
  ),
  studentAbsent: defineEvent(
    'attendance.v1.student_absent',
    z.object({
      course: EventCourse,
      session: EventSession,
      student: EventUser,
      /** The calendar day of the session in the student's time zone. */
      date: z.iso.date(),
      method: MarkingMethod,
    }),
    'A student was marked absent for a session (by the teacher or when check-in closed).',
  ),
  lowAttendance: defineEvent(
    'attendance.v1.low_attendance',
    z.object({ course: EventCourse, student: EventUser, percentage: z.number(), threshold: z.number(), counts: Counts, detectedAt: At }),
    "A student's attendance percentage in a course fell below the course threshold. Once per crossing.",
  ),
  consecutiveAbsences: defineEvent(
    'attendance.v1.consecutive_absences',
    z.object({ course: EventCourse, student: EventUser, count: z.number().int(), sessions: z.array(EventSession), detectedAt: At }),
    'A student reached the policy number of absences in a row in a course. Once per streak.',
  ),
  exemptionRequested: defineEvent(
    'attendance.v1.exemption_requested',
    z.object({ exemptionId: z.uuid(), course: EventCourse, session: EventSession, student: EventUser, reason: z.string(), teachers: z.array(EventUser), requestedAt: At }),
    'An excused-absence request awaits a decision by a teacher of the course.',
  ),
  exemptionDecided: defineEvent(
    'attendance.v1.exemption_decided',
    z.object({
      exemptionId: z.uuid(),
      course: EventCourse,
      session: EventSession,
      student: EventUser,
      decision: z.enum(['approved', 'rejected']),
      note: z.string().nullable(),
      decidedBy: z.uuid().nullable(),
      decidedAt: At,
      /** Who asked when it was not the student: the linked parent (added in place: optional, so v1 stays valid). */
      requestedBy: EventUser.nullable().optional(),
    }),
    'An excused-absence request was approved (the record became excused) or rejected; the student and a requesting parent are told.',
  ),
} as const;

export type AttendanceEvents = typeof attendanceEvents;
