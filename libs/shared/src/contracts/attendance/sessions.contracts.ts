import { z } from 'zod';
import { defineRpc } from '../rpc-contract';
import { CalendarDate, Timezone } from '../core/common.dto';
import { AttendanceRecord, ClassSession, Geofence, IpRange, StatusCounts, StudentRef } from './attendance.dto';

/** ISO weekday numbers: 1 = Monday … 7 = Sunday. */
export const IsoWeekday = z.number().int().min(1).max(7);

export const SessionRecurrence = z.object({
  /** The weekdays the class meets, e.g. [1, 3] for Monday and Wednesday. */
  weekdays: z.array(IsoWeekday).min(1).max(7),
  /** Last day of the series (inclusive), in `timezone`. */
  until: CalendarDate,
  /** The zone whose wall-clock time the series keeps across daylight-saving changes. */
  timezone: Timezone,
});

export const SessionCreateRequest = z
  .object({
    courseId: z.uuid(),
    /** The first (or only) session; a series repeats its local time of day and its duration. */
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    topic: z.string().trim().max(255).optional(),
    geofence: Geofence.optional(),
    ipAllowList: z.array(IpRange).max(20).optional(),
    recurrence: SessionRecurrence.optional(),
  })
  .refine((value) => Date.parse(value.endsAt) > Date.parse(value.startsAt), { message: 'endsAt must be after startsAt', path: ['endsAt'] })
  .refine((value) => Date.parse(value.endsAt) - Date.parse(value.startsAt) <= 12 * 3_600_000, { message: 'a session lasts at most 12 hours', path: ['endsAt'] });

export const SessionUpdateRequest = z.object({
  sessionId: z.uuid(),
  startsAt: z.iso.datetime({ offset: true }).optional(),
  endsAt: z.iso.datetime({ offset: true }).optional(),
  topic: z.string().trim().max(255).nullable().optional(),
  /** null removes the geofence. */
  geofence: Geofence.nullable().optional(),
  ipAllowList: z.array(IpRange).max(20).optional(),
});

export const SessionCancelRequest = z.object({
  sessionId: z.uuid(),
  /** `following`: this session and the later ones of its series. */
  scope: z.enum(['this', 'following']).default('this'),
  reason: z.string().trim().max(500).optional(),
});

export const SessionsListRequest = z.object({
  courseId: z.uuid().optional(),
  /** Sessions starting at or after this instant (default: 30 days ago). */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Sessions starting before this instant (default: 90 days after `from`). */
  to: z.iso.datetime({ offset: true }).optional(),
  includeCancelled: z.boolean().default(false),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const SessionWithCounts = ClassSession.extend({ counts: StatusCounts });
export type SessionWithCounts = z.infer<typeof SessionWithCounts>;

export const RosterEntry = z.object({
  student: StudentRef,
  record: AttendanceRecord.nullable(),
  /** Suspicious check-in attempts for this student in this session (see flagged check-ins). */
  flags: z.number().int(),
});
export type RosterEntry = z.infer<typeof RosterEntry>;

const SessionRef = z.object({ sessionId: z.uuid() });

/** Teachers of the course and admins. A series yields one session per meeting (at most 200). */
export const sessionsCreate = defineRpc('attendance', 'sessionsCreate', SessionCreateRequest, z.object({ items: z.array(ClassSession), seriesId: z.uuid().nullable() }));
/** Teachers of the course and admins; closed or cancelled sessions can't be moved (CONFLICT). */
export const sessionsUpdate = defineRpc('attendance', 'sessionsUpdate', SessionUpdateRequest, ClassSession);
/** Teachers of the course and admins. Records of a cancelled session leave the statistics (the audit keeps them). */
export const sessionsCancel = defineRpc('attendance', 'sessionsCancel', SessionCancelRequest, z.object({ cancelled: z.number().int() }));
/** Scoped to the caller: teachers their courses, students their enrolled courses, admins all. */
export const sessionsList = defineRpc('attendance', 'sessionsList', SessionsListRequest, z.object({ items: z.array(SessionWithCounts) }));
export const sessionGet = defineRpc('attendance', 'sessionGet', SessionRef, SessionWithCounts);
/** The teacher's grid: every actively enrolled student with their record (teachers of the course, admins). */
export const sessionRoster = defineRpc('attendance', 'sessionRoster', SessionRef, z.object({ session: SessionWithCounts, items: z.array(RosterEntry) }));
