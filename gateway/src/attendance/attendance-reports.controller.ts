import { Controller, Get, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import {
  AttendancePolicy,
  AttendanceReport,
  attendanceRpc,
  CalendarDate,
  CourseStatistics,
  PolicyUpdateRequest,
  reportTable,
  RpcClient,
  StudentCourseStats,
  Timezone,
  toCsv,
  type AuthContext,
  type ReportRequest,
} from '@tec/shared';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { Endpoint } from '../http/endpoint.decorator';
import { Input } from '../http/input.decorator';

const CourseParams = z.object({ courseId: z.uuid() });
const PolicyBody = PolicyUpdateRequest.omit({ courseId: true });
const StatisticsQuery = z.object({ courseId: z.uuid(), studentId: z.uuid().optional() });
const ReportsQuery = z.object({
  type: z.enum(['course_summary', 'student_detail', 'absentees', 'weekly_trend']).default('course_summary'),
  courseId: z.uuid().optional(),
  studentId: z.uuid().optional(),
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
  /** absentees: the day. */
  date: CalendarDate.optional(),
  timezone: Timezone.default('UTC'),
  format: z.enum(['json', 'csv']).default('json'),
});

/** Policies, statistics and reports (the plan's `GET /attendance/reports`, as JSON or CSV). */
@Controller('attendance')
export class AttendanceReportsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('policies/:courseId')
  @Endpoint({ tag: 'attendance', summary: "A course's attendance policy (defaults until a teacher changes it)", access: { kind: 'authenticated' }, params: CourseParams, response: AttendancePolicy })
  policy(@Input('params') params: z.infer<typeof CourseParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(attendanceRpc.policyGet, params, auth);
  }

  @Put('policies/:courseId')
  @Endpoint({
    tag: 'attendance',
    summary: 'Change the policy: late threshold, check-in window, whether excused sessions leave the denominator, low-attendance threshold, consecutive-absence alert. Sessions whose check-in has not opened take the new timings.',
    access: { kind: 'authenticated', roles: ['teacher', 'admin'] },
    params: CourseParams,
    body: PolicyBody,
    response: AttendancePolicy,
  })
  updatePolicy(@Input('params') params: z.infer<typeof CourseParams>, @Input('body') body: z.infer<typeof PolicyBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(attendanceRpc.policyUpdate, { ...body, courseId: params.courseId }, auth);
  }

  @Get('statistics')
  @Endpoint({
    tag: 'attendance',
    summary:
      'Per student in a course: total, present, late, absent, excused, percentage = (present + late) / (sessions − excused) (null with no sessions or all excused), below-threshold flag, current absence streak. Students get their own row only.',
    access: { kind: 'authenticated', roles: ['teacher', 'admin', 'student'] },
    query: StatisticsQuery,
    response: CourseStatistics,
  })
  statistics(@Input('query') query: z.infer<typeof StatisticsQuery>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(attendanceRpc.statisticsGet, query, auth);
  }

  @Get('me')
  @Endpoint({ tag: 'attendance', summary: "The signed-in student's attendance in each of their courses", access: { kind: 'authenticated', roles: ['student'] }, response: z.object({ items: z.array(StudentCourseStats) }) })
  mine(@CurrentAuth() auth: AuthContext) {
    return this.rpc.call(attendanceRpc.myAttendance, {}, auth);
  }

  @Get('reports')
  @Endpoint({
    tag: 'attendance',
    summary:
      'Reports: course_summary (courseId, from, to), student_detail (studentId, courseId?, from, to), absentees (date, courseId?: who was absent that day across your courses), weekly_trend (courseId, studentId?). Dates are days in `timezone`. `format=csv` downloads text/csv (formula-safe cells, UTF-8 BOM).',
    access: { kind: 'authenticated', roles: ['teacher', 'admin', 'student'] },
    query: ReportsQuery,
    response: AttendanceReport,
  })
  async report(@Input('query') query: z.infer<typeof ReportsQuery>, @CurrentAuth() auth: AuthContext, @Res({ passthrough: true }) response: Response) {
    const { format, ...rest } = query;
    const report = await this.rpc.call(attendanceRpc.reportGet, rest as ReportRequest, auth);
    if (format === 'json') return report;
    const table = reportTable(report);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${table.fileName}"`);
    response.setHeader('Cache-Control', 'no-store');
    return toCsv(table.header, table.rows);
  }
}
