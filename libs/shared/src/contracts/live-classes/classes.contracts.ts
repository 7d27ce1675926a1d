import { z } from 'zod';
import { defineRpc } from '../rpc-contract';
import { Timezone } from '../core/common.dto';
import { LiveAttendanceReport, LiveCalendarFeedInfo, LiveJoinLink, LiveClass, LiveClassProvider, LiveClassRecurrence, LiveClassStatus, LiveQuestion, LiveRecording } from './live-classes.dto';

export const ClassCreateRequest = z
  .object({
    courseId: z.uuid(),
    name: z.string().trim().min(1).max(255),
    description: z.string().trim().max(5000).optional(),
    /** The first (or only) class; a weekly series repeats its local time of day and its duration. */
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    /** Zone of the wall-clock time (default: the teacher's profile zone). */
    timezone: Timezone.optional(),
    maxParticipants: z.number().int().min(1).max(1000).nullable().optional(),
    recordingEnabled: z.boolean().default(true),
    /** The video provider of these classes (omitted: the school's default, LIVE_CLASSES_PROVIDER). Zoom needs the ZOOM_* settings. */
    provider: LiveClassProvider.optional(),
    /** Omitted: a single class. */
    recurrence: LiveClassRecurrence.optional(),
  })
  .refine((value) => Date.parse(value.endsAt) > Date.parse(value.startsAt), { message: 'endsAt must be after startsAt', path: ['endsAt'] })
  .refine((value) => Date.parse(value.endsAt) - Date.parse(value.startsAt) <= 8 * 3_600_000, { message: 'a class lasts at most 8 hours', path: ['endsAt'] });

export const ClassUpdateRequest = z.object({
  classId: z.uuid(),
  name: z.string().trim().min(1).max(255).optional(),
  description: z.string().trim().max(5000).nullable().optional(),
  startsAt: z.iso.datetime({ offset: true }).optional(),
  endsAt: z.iso.datetime({ offset: true }).optional(),
  maxParticipants: z.number().int().min(1).max(1000).nullable().optional(),
  recordingEnabled: z.boolean().optional(),
});

export const ClassCancelRequest = z.object({
  classId: z.uuid(),
  /** `following`: this class and the later scheduled ones of its series. */
  scope: z.enum(['this', 'following']).default('this'),
  reason: z.string().trim().max(500).optional(),
});

export const ClassesListRequest = z.object({
  courseId: z.uuid().optional(),
  /** Classes ending at or after this instant (default: 30 days ago). */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Classes starting before this instant (default: 120 days after `from`). */
  to: z.iso.datetime({ offset: true }).optional(),
  status: LiveClassStatus.optional(),
  includeCancelled: z.boolean().default(false),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const LiveClassRef = z.object({ classId: z.uuid() });

export const QuestionAskRequest = z.object({ classId: z.uuid(), text: z.string().trim().min(1).max(1000) });
export const QuestionRef = z.object({ questionId: z.uuid() });
export const QuestionAnswerRequest = z.object({
  questionId: z.uuid(),
  /** Optional written answer; without it the question is only marked answered. */
  answerText: z.string().trim().min(1).max(4000).optional(),
  /** false re-opens a question marked answered by mistake. */
  answered: z.boolean().default(true),
});
export const RecordingsListRequest = z.object({ courseId: z.uuid().optional(), classId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(200).default(100) });
export const LiveCalendarFeedRequest = z.object({ token: z.string().min(20).max(100) });
export const LiveCalendarFeed = z.object({ contentType: z.literal('text/calendar; charset=utf-8'), body: z.string(), filename: z.string() });

/** Teachers of the course and admins. A weekly series yields one class per meeting (at most 100). */
export const classesCreate = defineRpc('live-classes', 'classesCreate', ClassCreateRequest, z.object({ items: z.array(LiveClass), seriesId: z.uuid().nullable() }));
/** Teachers of the course and admins; only scheduled classes can change. The provider meeting is updated too. */
export const classesUpdate = defineRpc('live-classes', 'classesUpdate', ClassUpdateRequest, LiveClass);
/** Teachers of the course and admins; the provider meeting is deleted. */
export const classesCancel = defineRpc('live-classes', 'classesCancel', ClassCancelRequest, z.object({ cancelled: z.number().int() }));
/** Scoped to the caller: teachers their courses, students their enrolled courses, parents their linked children's, admins all. */
export const classesList = defineRpc('live-classes', 'classesList', ClassesListRequest, z.object({ items: z.array(LiveClass) }));
export const classGet = defineRpc('live-classes', 'classGet', LiveClassRef, LiveClass);
/** A personal link: enrolled students (within the join window, under capacity) and teachers of the course. Every click is recorded. */
export const classJoin = defineRpc('live-classes', 'classJoin', LiveClassRef, LiveJoinLink);
/** Minutes attended and score per enrolled student (teachers of the course, admins; a student sees their own row). */
export const attendanceReport = defineRpc('live-classes', 'attendanceReport', LiveClassRef, LiveAttendanceReport);

/** Sorted by votes (desc), then oldest first. Anyone who may see the class. */
export const questionsList = defineRpc('live-classes', 'questionsList', LiveClassRef, z.object({ items: z.array(LiveQuestion) }));
/** Enrolled students of the course while the class is not over (scheduled or in progress). */
export const questionsAsk = defineRpc('live-classes', 'questionsAsk', QuestionAskRequest, LiveQuestion);
/** Enrolled students, once per question (a repeat is a no-op); not on one's own question. */
export const questionsUpvote = defineRpc('live-classes', 'questionsUpvote', QuestionRef, LiveQuestion);
/** Withdraw the caller's upvote. */
export const questionsUnvote = defineRpc('live-classes', 'questionsUnvote', QuestionRef, LiveQuestion);
/** Teachers of the course: answer and/or mark answered. */
export const questionsAnswer = defineRpc('live-classes', 'questionsAnswer', QuestionAnswerRequest, LiveQuestion);

/** Recordings of classes the caller may see, newest first. */
export const recordingsList = defineRpc('live-classes', 'recordingsList', RecordingsListRequest, z.object({ items: z.array(LiveRecording) }));

export const LiveClassProviders = z.object({
  /** Used when a new class names no provider (LIVE_CLASSES_PROVIDER). */
  default: LiveClassProvider,
  /** What a teacher may pick: Zoom only when the school set it up. */
  available: z.array(LiveClassProvider),
});
/** Signed-in teachers and admins: the provider picker of the schedule form. */
export const providersInfo = defineRpc('live-classes', 'providersInfo', z.object({}).strict(), LiveClassProviders);

/** The caller's feed URL (created on first call). */
export const calendarFeedInfo = defineRpc('live-classes', 'calendarFeedInfo', z.object({}).strict(), LiveCalendarFeedInfo);
/** A new secret token; the old URL stops working at once. */
export const calendarFeedRotate = defineRpc('live-classes', 'calendarFeedRotate', z.object({}).strict(), LiveCalendarFeedInfo);
/** Public (the token is the credential; the gateway calls it with a service context): the RFC 5545 text. */
export const calendarFeed = defineRpc('live-classes', 'calendarFeed', LiveCalendarFeedRequest, LiveCalendarFeed);
