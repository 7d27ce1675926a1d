import { z } from 'zod';
import { CalendarDate, Timezone } from '../core/common.dto';

/** scheduled → in_progress → completed, or cancelled from scheduled. Webhooks drive it, the clock when there are none. */
export const LIVE_CLASS_STATUSES = ['scheduled', 'in_progress', 'completed', 'cancelled'] as const;
export const LiveClassStatus = z.enum(LIVE_CLASS_STATUSES);
export type LiveClassStatus = z.infer<typeof LiveClassStatus>;

/** `zoom`: Server-to-Server OAuth + REST v2 meetings; `jitsi`: room links, no account; `development`: local links. */
export const LIVE_CLASS_PROVIDERS = ['zoom', 'jitsi', 'development'] as const;
export const LiveClassProvider = z.enum(LIVE_CLASS_PROVIDERS);
export type LiveClassProvider = z.infer<typeof LiveClassProvider>;

export const LiveClassPerson = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() });
export type LiveClassPerson = z.infer<typeof LiveClassPerson>;

export const LiveClass = z.object({
  id: z.uuid(),
  courseId: z.uuid(),
  courseCode: z.string(),
  courseTitle: z.string(),
  /** Classes created together as a weekly series share it. */
  seriesId: z.uuid().nullable(),
  name: z.string(),
  description: z.string().nullable(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  /** The zone the class was scheduled in (its wall-clock time is kept across DST for a series). */
  timezone: z.string(),
  /** Null: no limit beyond the course roster. Teachers never count against it. */
  maxParticipants: z.number().int().nullable(),
  recordingEnabled: z.boolean(),
  provider: LiveClassProvider,
  status: LiveClassStatus,
  teacher: LiveClassPerson,
  /** The join button is enabled from this instant until the class ends. */
  joinOpensAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  endedAt: z.iso.datetime().nullable(),
  cancelledReason: z.string().nullable(),
  /** Students who clicked join at least once (capacity counts them). */
  participantCount: z.number().int(),
  openQuestionCount: z.number().int(),
  recordingCount: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type LiveClass = z.infer<typeof LiveClass>;

/** ISO weekday numbers: 1 = Monday … 7 = Sunday. */
export const LiveClassRecurrence = z.object({
  /** Weekly: the weekdays the class meets, e.g. [2, 4] for Tuesday and Thursday. */
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  /** Last day of the series (inclusive), in the class time zone. */
  until: CalendarDate,
});

export const LiveJoinLink = z.object({
  classId: z.uuid(),
  provider: LiveClassProvider,
  /** `host`: a teacher's start link; `attendee`: a personal join link (Zoom: per registrant, matched to join events). */
  role: z.enum(['host', 'attendee']),
  url: z.string(),
  /** Display name the provider shows (Jitsi/development put it in the URL fragment). */
  displayName: z.string(),
  joinClickId: z.uuid(),
});
export type LiveJoinLink = z.infer<typeof LiveJoinLink>;

export const LiveAttendanceResult = z.object({
  student: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), email: z.string() }),
  /** Union of the student's in-meeting intervals clipped to the slot (waiting room excluded), in minutes. */
  minutesAttended: z.number(),
  /** minutesAttended / slot minutes, 0..1. */
  attendedRatio: z.number(),
  /** 0..100: 80 × attendedRatio + 20 × Q&A activity (see the service README). */
  score: z.number(),
  firstJoinedAt: z.iso.datetime().nullable(),
  questionsAsked: z.number().int(),
  votesGiven: z.number().int(),
  joinClicks: z.number().int(),
});
export type LiveAttendanceResult = z.infer<typeof LiveAttendanceResult>;

export const LiveAttendanceReport = z.object({
  class: LiveClass,
  /** Null until the class ended (then recomputed when late leave events arrive). */
  computedAt: z.iso.datetime().nullable(),
  items: z.array(LiveAttendanceResult),
});
export type LiveAttendanceReport = z.infer<typeof LiveAttendanceReport>;

export const LiveQuestion = z.object({
  id: z.uuid(),
  classId: z.uuid(),
  text: z.string(),
  asker: LiveClassPerson,
  votes: z.number().int(),
  /** Did the caller upvote it? */
  votedByMe: z.boolean(),
  answered: z.boolean(),
  answerText: z.string().nullable(),
  answeredBy: LiveClassPerson.nullable(),
  answeredAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type LiveQuestion = z.infer<typeof LiveQuestion>;

export const LiveRecording = z.object({
  id: z.uuid(),
  classId: z.uuid(),
  className: z.string(),
  courseId: z.uuid(),
  courseCode: z.string(),
  courseTitle: z.string(),
  provider: LiveClassProvider,
  /** Zoom: share_url of the recording (passcode-protected by Zoom's own settings). */
  playUrl: z.string(),
  recordingStart: z.iso.datetime().nullable(),
  recordingEnd: z.iso.datetime().nullable(),
  durationMinutes: z.number().int().nullable(),
  files: z.array(z.object({ fileType: z.string(), recordingType: z.string().nullable(), playUrl: z.string().nullable(), fileSize: z.number().nullable() })),
  createdAt: z.iso.datetime(),
});
export type LiveRecording = z.infer<typeof LiveRecording>;

export const LiveCalendarFeedInfo = z.object({
  /** Absolute path of the feed, e.g. `/api/v1/live-classes/calendar/<token>.ics`; the token is the secret. */
  path: z.string(),
  token: z.string(),
  createdAt: z.iso.datetime(),
});
export type LiveCalendarFeedInfo = z.infer<typeof LiveCalendarFeedInfo>;

export const SchedulingTimezone = Timezone;
