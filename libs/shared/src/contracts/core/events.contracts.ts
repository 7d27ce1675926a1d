import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { CourseLevel, UserProfile } from './common.dto';

/**
 * Events published by core. Subjects are persisted contracts: never rename one or change a payload
 * incompatibly in place; add `core.v2.<event>`, publish both, then retire v1. Payloads carry what consumers
 * need (names, emails, timezone, date of birth, course code and title) so they never call core back.
 */

/** Everything a consumer needs about a person: notifications address them, the parent portal checks age. */
export const EventUser = UserProfile;
export const EventCourse = z.object({ id: z.uuid(), code: z.string(), title: z.string() });
export const EventAssignment = z.object({ id: z.uuid(), title: z.string(), dueAt: z.iso.datetime(), maxScore: z.number() });
const At = z.iso.datetime();

const CourseDetails = EventCourse.extend({ description: z.string(), level: CourseLevel });

export const coreEvents = {
  userCreated: defineEvent(
    'core.v1.user_created',
    z.object({ user: EventUser, active: z.boolean() }),
    'An account was created (admin, integrator, roster import or seed).',
  ),
  userUpdated: defineEvent(
    'core.v1.user_updated',
    z.object({ user: EventUser, active: z.boolean(), changed: z.array(z.string()) }),
    'An account changed; `user` is the state after the change, `changed` lists the fields.',
  ),
  userErasureRequested: defineEvent(
    'core.v1.user_erasure_requested',
    z.object({ erasureId: z.uuid(), userId: z.uuid(), requestedAt: At }),
    'An admin erased a user (audited in core, which has already de-identified the account); every service erases or de-identifies its data and answers <domain>.v1.user_erased.',
  ),
  courseCreated: defineEvent('core.v1.course_created', z.object({ course: CourseDetails }), 'A course was created.'),
  courseUpdated: defineEvent(
    'core.v1.course_updated',
    z.object({ course: CourseDetails, changed: z.array(z.string()) }),
    'A course changed; `course` is the state after the change.',
  ),
  courseTeacherAssigned: defineEvent(
    'core.v1.course_teacher_assigned',
    z.object({ course: EventCourse, teacher: EventUser, assignedAt: At }),
    'A teacher now teaches a course.',
  ),
  enrollmentCreated: defineEvent(
    'core.v1.enrollment_created',
    z.object({ enrollmentId: z.uuid(), course: EventCourse, student: EventUser, enrolledAt: At, reactivated: z.boolean() }),
    'A student is (again) actively enrolled in a course.',
  ),
  enrollmentDropped: defineEvent(
    'core.v1.enrollment_dropped',
    z.object({ enrollmentId: z.uuid(), course: EventCourse, student: EventUser, droppedAt: At }),
    'A student left a course.',
  ),
  assignmentCreated: defineEvent(
    'core.v1.assignment_created',
    z.object({ assignment: EventAssignment, course: EventCourse, createdAt: At }),
    'An assignment was set in a course.',
  ),
  submissionRecorded: defineEvent(
    'core.v1.submission_recorded',
    z.object({
      submissionId: z.uuid(),
      assignment: EventAssignment,
      course: EventCourse,
      student: EventUser,
      submittedAt: At,
      late: z.boolean(),
    }),
    'A student handed in (or re-submitted) an assignment.',
  ),
  gradeRecorded: defineEvent(
    'core.v1.grade_recorded',
    z.object({
      gradeId: z.uuid(),
      assignment: EventAssignment,
      course: EventCourse,
      student: EventUser,
      score: z.number(),
      maxScore: z.number(),
      percentage: z.number(),
      feedback: z.string().nullable(),
      gradedAt: At,
      regraded: z.boolean(),
    }),
    'A grade was given (or changed) for a student on an assignment.',
  ),
  assignmentMissing: defineEvent(
    'core.v1.assignment_missing',
    z.object({ assignment: EventAssignment, course: EventCourse, student: EventUser, detectedAt: At }),
    'An assignment passed its due date without a submission. Published once per (assignment, student).',
  ),
  quizGraded: defineEvent(
    'core.v1.quiz_graded',
    z.object({
      quizResultId: z.uuid(),
      quizId: z.string(),
      quizName: z.string(),
      course: EventCourse,
      student: EventUser,
      score: z.number(),
      totalPoints: z.number(),
      percentage: z.number(),
      gradedAt: At,
    }),
    'A quiz result was recorded (template quiz_graded).',
  ),
  forumReplyPosted: defineEvent(
    'core.v1.forum_reply_posted',
    z.object({
      replyId: z.uuid(),
      course: EventCourse,
      threadId: z.string(),
      threadTitle: z.string(),
      threadAuthor: EventUser,
      replier: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), role: z.string() }),
      replyText: z.string(),
      postedAt: At,
    }),
    'Someone replied to a forum thread (template forum_reply).',
  ),
  certificateIssued: defineEvent(
    'core.v1.certificate_issued',
    z.object({
      certificateId: z.uuid(),
      course: EventCourse,
      student: EventUser,
      certificateUrl: z.string().nullable(),
      issuedAt: At,
    }),
    'A student earned a course certificate (template certificate_issued).',
  ),
  pathMilestoneReached: defineEvent(
    'core.v1.path_milestone_reached',
    z.object({
      milestoneId: z.uuid(),
      student: EventUser,
      pathId: z.string(),
      pathName: z.string(),
      completedCourses: z.number().int(),
      totalCourses: z.number().int().nullable(),
      reachedAt: At,
    }),
    'A student completed another course of a learning path (template path_milestone).',
  ),
} as const;

export type CoreEvents = typeof coreEvents;
