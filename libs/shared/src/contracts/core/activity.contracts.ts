import { z } from 'zod';
import { defineRpc } from '../rpc-contract';
import { Score } from './common.dto';

/** Recording endpoints for the LMS activity the plan's email templates react to. Each publishes one event. */

export const QuizResultRecordRequest = z.object({
  courseId: z.uuid(),
  studentId: z.uuid(),
  /** The source LMS's quiz id; recording the same (quiz, student) again updates the result. */
  quizId: z.string().trim().min(1).max(100),
  quizName: z.string().trim().min(1).max(200),
  score: Score,
  totalPoints: Score.refine((value) => value > 0, { message: 'must be above 0' }),
}).refine((value) => value.score <= value.totalPoints, { message: 'score is above totalPoints', path: ['score'] });

export const ForumReplyRecordRequest = z.object({
  courseId: z.uuid(),
  threadId: z.string().trim().min(1).max(100),
  threadTitle: z.string().trim().min(1).max(300),
  /** Who started the thread: the person told about the reply. */
  threadAuthorId: z.uuid(),
  /** Integrators name the replier; for users it is always the caller. */
  replierId: z.uuid().optional(),
  replyText: z.string().trim().min(1).max(10000),
});

export const CertificateRecordRequest = z.object({
  courseId: z.uuid(),
  studentId: z.uuid(),
  certificateUrl: z.url().max(2000).optional(),
});

export const PathMilestoneRecordRequest = z.object({
  studentId: z.uuid(),
  pathId: z.string().trim().min(1).max(100),
  pathName: z.string().trim().min(1).max(200),
  completedCourses: z.number().int().min(1).max(1000),
  totalCourses: z.number().int().min(1).max(1000).optional(),
});

export const Recorded = z.object({ id: z.uuid(), recordedAt: z.iso.datetime() });

/** A teacher of the course, an admin or API key `grades:write`. Publishes core.v1.quiz_graded. */
export const quizResultsRecord = defineRpc('core', 'quizResultsRecord', QuizResultRecordRequest, Recorded);
/** A member of the course (as replier), an admin or API key `events:write`. Publishes core.v1.forum_reply_posted. */
export const forumRepliesRecord = defineRpc('core', 'forumRepliesRecord', ForumReplyRecordRequest, Recorded);
/** A teacher of the course, an admin or API key `events:write`. Once per (course, student). */
export const certificatesRecord = defineRpc('core', 'certificatesRecord', CertificateRecordRequest, Recorded);
/** An admin or API key `events:write`. Once per (student, path, completedCourses). */
export const pathMilestonesRecord = defineRpc('core', 'pathMilestonesRecord', PathMilestoneRecordRequest, Recorded);
