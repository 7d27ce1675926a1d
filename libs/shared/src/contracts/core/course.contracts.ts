import { z } from 'zod';
import { defineRpc } from '../rpc-contract';
import { CalendarDate, CourseCode, CourseLevel, EmptyRequest } from './common.dto';

export const PersonRef = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() });

export const CourseSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  title: z.string(),
  description: z.string(),
  level: CourseLevel,
  teachers: z.array(PersonRef),
  studentCount: z.number().int(),
  /** The caller's relation to the course; null for admins and integrators. */
  relation: z.enum(['teaching', 'enrolled']).nullable(),
});
export type CourseSummary = z.infer<typeof CourseSummary>;

export const CourseCreateRequest = z.object({
  code: CourseCode,
  title: z.string().trim().min(1).max(200),
  description: z.string().max(5000).default(''),
  level: CourseLevel,
});

export const CourseUpdateRequest = z.object({
  courseId: z.uuid(),
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(5000).optional(),
  level: CourseLevel.optional(),
});

export const CourseStudent = z.object({
  id: z.uuid(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  timezone: z.string(),
  dateOfBirth: CalendarDate.nullable(),
  enrollmentStatus: z.enum(['active', 'dropped']),
  enrolledAt: z.iso.datetime(),
});
export type CourseStudent = z.infer<typeof CourseStudent>;

export const Enrollment = z.object({
  id: z.uuid(),
  courseId: z.uuid(),
  studentId: z.uuid(),
  status: z.enum(['active', 'dropped']),
  enrolledAt: z.iso.datetime(),
  droppedAt: z.iso.datetime().nullable(),
});
export type Enrollment = z.infer<typeof Enrollment>;

const CourseMember = z.object({ courseId: z.uuid(), studentId: z.uuid() });

/** Scoped to the caller: admins and integrators see all, teachers their courses, students their enrollments. */
export const coursesList = defineRpc('core', 'coursesList', EmptyRequest, z.object({ items: z.array(CourseSummary) }));
export const courseGet = defineRpc('core', 'courseGet', z.object({ courseId: z.uuid() }), CourseSummary);
/** admin or API key `courses:write`. ALREADY_EXISTS when the code is taken. */
export const coursesCreate = defineRpc('core', 'coursesCreate', CourseCreateRequest, CourseSummary);
export const coursesUpdate = defineRpc('core', 'coursesUpdate', CourseUpdateRequest, CourseSummary);
/** admin or API key `courses:write`; the user must be a teacher. Idempotent. */
export const courseTeachersAssign = defineRpc(
  'core',
  'courseTeachersAssign',
  z.object({ courseId: z.uuid(), teacherId: z.uuid() }),
  CourseSummary,
);
/** A teacher of the course, an admin or API key `courses:read`. */
export const courseStudentsList = defineRpc(
  'core',
  'courseStudentsList',
  z.object({ courseId: z.uuid(), includeDropped: z.boolean().default(false) }),
  z.object({ items: z.array(CourseStudent) }),
);
/** admin or API key `enrollments:write`. Re-enrolling a dropped student reactivates the enrollment. */
export const enrollmentsCreate = defineRpc('core', 'enrollmentsCreate', CourseMember, Enrollment);
export const enrollmentsDrop = defineRpc('core', 'enrollmentsDrop', CourseMember, Enrollment);
