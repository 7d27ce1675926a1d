import { Controller, Delete, Get, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import {
  CourseCreateRequest,
  CourseStudent,
  CourseSummary,
  CourseUpdateRequest,
  coreRpc,
  Enrollment,
  RpcClient,
  type AuthContext,
} from '@tec/shared';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { Endpoint } from '../http/endpoint.decorator';
import { Input } from '../http/input.decorator';

const CourseParams = z.object({ courseId: z.uuid() });
const EnrollmentParams = z.object({ courseId: z.uuid(), studentId: z.uuid() });
const CoursePatchBody = CourseUpdateRequest.omit({ courseId: true });
const StudentsQuery = z.object({ includeDropped: z.enum(['true', 'false']).default('false').transform((value) => value === 'true') });

@Controller('courses')
export class CoursesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Endpoint({
    tag: 'courses',
    summary: "Your courses: those you teach or are enrolled in (admins and integrators: all)",
    access: { kind: 'authenticated', scopes: ['courses:read'] },
    response: z.object({ items: z.array(CourseSummary) }),
  })
  list(@CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.coursesList, {}, auth);
  }

  @Post()
  @Endpoint({
    tag: 'courses',
    summary: 'Create a course',
    access: { kind: 'authenticated', roles: ['admin'], scopes: ['courses:write'] },
    body: CourseCreateRequest,
    response: CourseSummary,
    status: 201,
  })
  create(@Input('body') body: z.infer<typeof CourseCreateRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.coursesCreate, body, auth);
  }

  @Get(':courseId')
  @Endpoint({ tag: 'courses', summary: 'One course you belong to', access: { kind: 'authenticated', scopes: ['courses:read'] }, params: CourseParams, response: CourseSummary })
  get(@Input('params') params: z.infer<typeof CourseParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.courseGet, params, auth);
  }

  @Patch(':courseId')
  @Endpoint({
    tag: 'courses',
    summary: 'Update a course',
    access: { kind: 'authenticated', roles: ['admin'], scopes: ['courses:write'] },
    params: CourseParams,
    body: CoursePatchBody,
    response: CourseSummary,
  })
  update(@Input('params') params: z.infer<typeof CourseParams>, @Input('body') body: z.infer<typeof CoursePatchBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.coursesUpdate, { ...body, courseId: params.courseId }, auth);
  }

  @Post(':courseId/teachers')
  @Endpoint({
    tag: 'courses',
    summary: 'Assign a teacher to a course (idempotent)',
    access: { kind: 'authenticated', roles: ['admin'], scopes: ['courses:write'] },
    params: CourseParams,
    body: z.object({ teacherId: z.uuid() }),
    response: CourseSummary,
  })
  assignTeacher(@Input('params') params: z.infer<typeof CourseParams>, @Input('body') body: { teacherId: string }, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.courseTeachersAssign, { courseId: params.courseId, teacherId: body.teacherId }, auth);
  }

  @Get(':courseId/students')
  @Endpoint({
    tag: 'courses',
    summary: "The course's roster (teachers of the course and admins)",
    access: { kind: 'authenticated', roles: ['teacher', 'admin'], scopes: ['courses:read'] },
    params: CourseParams,
    query: StudentsQuery,
    response: z.object({ items: z.array(CourseStudent) }),
  })
  students(@Input('params') params: z.infer<typeof CourseParams>, @Input('query') query: z.infer<typeof StudentsQuery>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.courseStudentsList, { courseId: params.courseId, includeDropped: query.includeDropped }, auth);
  }

  @Post(':courseId/enrollments')
  @Endpoint({
    tag: 'courses',
    summary: 'Enroll a student (re-enrolling reactivates a dropped enrollment)',
    access: { kind: 'authenticated', roles: ['admin'], scopes: ['enrollments:write'] },
    params: CourseParams,
    body: z.object({ studentId: z.uuid() }),
    response: Enrollment,
    status: 201,
  })
  enroll(@Input('params') params: z.infer<typeof CourseParams>, @Input('body') body: { studentId: string }, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.enrollmentsCreate, { courseId: params.courseId, studentId: body.studentId }, auth);
  }

  @Delete(':courseId/enrollments/:studentId')
  @Endpoint({
    tag: 'courses',
    summary: 'Drop a student from a course (kept as dropped, not deleted)',
    access: { kind: 'authenticated', roles: ['admin'], scopes: ['enrollments:write'] },
    params: EnrollmentParams,
    response: Enrollment,
  })
  drop(@Input('params') params: z.infer<typeof EnrollmentParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.enrollmentsDrop, params, auth);
  }
}
