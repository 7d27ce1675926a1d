import { z } from 'zod';
import { defineRpc } from '../rpc-contract';
import { Score } from './common.dto';

export const Assignment = z.object({
  id: z.uuid(),
  courseId: z.uuid(),
  title: z.string(),
  description: z.string(),
  dueAt: z.iso.datetime(),
  maxScore: z.number(),
  createdAt: z.iso.datetime(),
});
export type Assignment = z.infer<typeof Assignment>;

export const AssignmentCreateRequest = z
  .object({
    courseId: z.uuid(),
    title: z.string().trim().min(1).max(200),
    description: z.string().max(10000).default(''),
    dueAt: z.iso.datetime({ offset: true }),
    maxScore: Score.refine((value) => value > 0, { message: 'must be above 0' }),
  });

export const Submission = z.object({
  id: z.uuid(),
  assignmentId: z.uuid(),
  studentId: z.uuid(),
  submittedAt: z.iso.datetime(),
  late: z.boolean(),
});
export type Submission = z.infer<typeof Submission>;

export const SubmissionRecordRequest = z.object({
  assignmentId: z.uuid(),
  /** Required for admins and integrators; a student may omit it (it is always the caller). */
  studentId: z.uuid().optional(),
  content: z.string().max(20000).optional(),
  /** Integrators syncing from another LMS pass the original time; users cannot backdate. */
  submittedAt: z.iso.datetime({ offset: true }).optional(),
});

export const Grade = z.object({
  id: z.uuid(),
  assignmentId: z.uuid(),
  assignmentTitle: z.string(),
  courseId: z.uuid(),
  courseCode: z.string(),
  studentId: z.uuid(),
  studentName: z.string(),
  score: z.number(),
  maxScore: z.number(),
  feedback: z.string().nullable(),
  gradedAt: z.iso.datetime(),
});
export type Grade = z.infer<typeof Grade>;

export const GradeRecordRequest = z.object({
  assignmentId: z.uuid(),
  studentId: z.uuid(),
  score: Score,
  feedback: z.string().max(5000).optional(),
});

/** Give a course (teacher, admin), a student (self, admin), or both. */
export const GradesListRequest = z
  .object({ courseId: z.uuid().optional(), studentId: z.uuid().optional() })
  .refine((value) => value.courseId !== undefined || value.studentId !== undefined, {
    message: 'courseId or studentId is required',
  });

/** A teacher of the course, an admin or API key `courses:write`. */
export const assignmentsCreate = defineRpc('core', 'assignmentsCreate', AssignmentCreateRequest, Assignment);
/** Members of the course (teachers, enrolled students), admins, API key `courses:read`. Ordered by due date. */
export const assignmentsList = defineRpc(
  'core',
  'assignmentsList',
  z.object({ courseId: z.uuid() }),
  z.object({ items: z.array(Assignment) }),
);
/** The enrolled student themselves, an admin or API key `grades:write`. Resubmitting updates the time. */
export const submissionsRecord = defineRpc('core', 'submissionsRecord', SubmissionRecordRequest, Submission);
/** A teacher of the course, an admin or API key `grades:write`. Regrading replaces the grade. */
export const gradesRecord = defineRpc('core', 'gradesRecord', GradeRecordRequest, Grade);
/** Students see only their own grades; teachers only their courses'. */
export const gradesList = defineRpc('core', 'gradesList', GradesListRequest, z.object({ items: z.array(Grade) }));
