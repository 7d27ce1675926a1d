import { Controller, Get, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import { Assignment, Grade, coreRpc, RpcClient, Score, Submission, type AuthContext } from '@tec/shared';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { Endpoint } from '../http/endpoint.decorator';
import { Input } from '../http/input.decorator';

const CourseParams = z.object({ courseId: z.uuid() });
const AssignmentParams = z.object({ assignmentId: z.uuid() });
const GradeParams = z.object({ assignmentId: z.uuid(), studentId: z.uuid() });
const AssignmentBody = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(10000).default(''),
  dueAt: z.iso.datetime({ offset: true }),
  maxScore: Score,
});
const SubmissionBody = z.object({
  studentId: z.uuid().optional(),
  content: z.string().max(20000).optional(),
  submittedAt: z.iso.datetime({ offset: true }).optional(),
});
const GradeBody = z.object({ score: Score, feedback: z.string().max(5000).optional() });
const GradesQuery = z
  .object({ courseId: z.uuid().optional(), studentId: z.uuid().optional() })
  .refine((value) => value.courseId !== undefined || value.studentId !== undefined, { message: 'courseId or studentId is required' });

/** Assignments, submissions and grades. The core service checks who teaches or takes each course. */
@Controller()
export class CourseworkController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('courses/:courseId/assignments')
  @Endpoint({
    tag: 'coursework',
    summary: "A course's assignments, by due date (members of the course)",
    access: { kind: 'authenticated', scopes: ['courses:read'] },
    params: CourseParams,
    response: z.object({ items: z.array(Assignment) }),
  })
  assignments(@Input('params') params: z.infer<typeof CourseParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.assignmentsList, params, auth);
  }

  @Post('courses/:courseId/assignments')
  @Endpoint({
    tag: 'coursework',
    summary: 'Create an assignment (a teacher of the course or an admin)',
    access: { kind: 'authenticated', roles: ['teacher', 'admin'], scopes: ['courses:write'] },
    params: CourseParams,
    body: AssignmentBody,
    response: Assignment,
    status: 201,
  })
  createAssignment(@Input('params') params: z.infer<typeof CourseParams>, @Input('body') body: z.infer<typeof AssignmentBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.assignmentsCreate, { ...body, courseId: params.courseId }, auth);
  }

  @Post('assignments/:assignmentId/submissions')
  @Endpoint({
    tag: 'coursework',
    summary: 'Record a submission (the enrolled student, an admin or an integrator)',
    access: { kind: 'authenticated', roles: ['student', 'admin'], scopes: ['grades:write'] },
    params: AssignmentParams,
    body: SubmissionBody,
    response: Submission,
    status: 201,
  })
  submit(@Input('params') params: z.infer<typeof AssignmentParams>, @Input('body') body: z.infer<typeof SubmissionBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.submissionsRecord, { ...body, assignmentId: params.assignmentId }, auth);
  }

  @Put('assignments/:assignmentId/grades/:studentId')
  @Endpoint({
    tag: 'coursework',
    summary: "Record or replace a student's grade (a teacher of the course, an admin or an integrator)",
    access: { kind: 'authenticated', roles: ['teacher', 'admin'], scopes: ['grades:write'] },
    params: GradeParams,
    body: GradeBody,
    response: Grade,
  })
  grade(@Input('params') params: z.infer<typeof GradeParams>, @Input('body') body: z.infer<typeof GradeBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.gradesRecord, { ...body, ...params }, auth);
  }

  @Get('grades')
  @Endpoint({
    tag: 'coursework',
    summary: "Grades of a course (its teachers) or of a student (themselves); admins see all",
    access: { kind: 'authenticated', roles: ['student', 'teacher', 'admin'], scopes: ['courses:read'] },
    query: GradesQuery,
    response: z.object({ items: z.array(Grade) }),
  })
  grades(@Input('query') query: z.infer<typeof GradesQuery>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.gradesList, query, auth);
  }
}
