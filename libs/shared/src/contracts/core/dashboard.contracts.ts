import { z } from 'zod';
import { defineRpc } from '../rpc-contract';
import { EmptyRequest, UserProfile } from './common.dto';

export const AssignmentStatus = z.enum(['open', 'submitted', 'graded', 'missing']);
export type AssignmentStatus = z.infer<typeof AssignmentStatus>;

export const DashboardSummary = z.object({
  user: UserProfile,
  courses: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      title: z.string(),
      relation: z.enum(['teaching', 'enrolled']),
      studentCount: z.number().int(),
    }),
  ),
  /** Students: their own status, including recently missed work. Teachers: their courses' next due, `open`. */
  upcomingAssignments: z.array(
    z.object({
      id: z.uuid(),
      courseId: z.uuid(),
      courseCode: z.string(),
      title: z.string(),
      dueAt: z.iso.datetime(),
      status: AssignmentStatus,
    }),
  ),
  recentGrades: z.array(
    z.object({
      assignmentId: z.uuid(),
      assignmentTitle: z.string(),
      courseCode: z.string(),
      score: z.number(),
      maxScore: z.number(),
      gradedAt: z.iso.datetime(),
      /** Teachers see whose grade it is. */
      studentName: z.string().optional(),
    }),
  ),
  toGrade: z
    .array(z.object({ assignmentId: z.uuid(), title: z.string(), courseCode: z.string(), ungraded: z.number().int() }))
    .optional(),
  admin: z
    .object({
      users: z.object({ student: z.number().int(), teacher: z.number().int(), parent: z.number().int(), admin: z.number().int() }),
      courses: z.number().int(),
      activeEnrollments: z.number().int(),
    })
    .optional(),
});
export type DashboardSummary = z.infer<typeof DashboardSummary>;

/** The signed-in user's home page (auth = user), one query set per role. */
export const dashboardGet = defineRpc('core', 'dashboardGet', EmptyRequest, DashboardSummary);
