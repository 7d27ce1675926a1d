import { Injectable } from '@nestjs/common';
import { attendancePercentage, DomainError, type AttendanceReport, type AuthContext, type ReportRequest, iso, localDayRange } from '@tec/shared';
import { isAdmin, requireUser } from '../common/access';
import { toRecord } from '../marking/records.repository';
import { PoliciesRepository } from '../policies/policies.repository';
import { CourseAccess } from '../roster/course-access.service';
import { RosterRepository } from '../roster/roster.repository';
import { ReportsRepository } from './reports.repository';
import { StatisticsService, toStudentStats } from './statistics.service';

/** The report views: course summary, student detail, absentees of a day, weekly trend. JSON here; CSV at the edge. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly statistics: StatisticsService,
    private readonly policies: PoliciesRepository,
    private readonly roster: RosterRepository,
    private readonly access: CourseAccess,
  ) {}

  async get(auth: AuthContext, request: ReportRequest): Promise<AttendanceReport> {
    switch (request.type) {
      case 'course_summary':
        return this.courseSummary(auth, request);
      case 'student_detail':
        return this.studentDetail(auth, request);
      case 'absentees':
        return this.absentees(auth, request);
      case 'weekly_trend':
        return this.weeklyTrend(auth, request);
    }
  }

  private async courseSummary(auth: AuthContext, request: Extract<ReportRequest, { type: 'course_summary' }>): Promise<AttendanceReport> {
    const { course } = await this.access.assertCanTeach(auth, request.courseId);
    const range = toRange(request);
    const policy = await this.policies.forCourse(course.id);
    const rows = range ? await this.reports.countsInRange(course.id, range.start, range.end) : await this.reports.counters(course.id);
    const streaks = await this.reports.absenceStreaks(course.id);
    return {
      type: 'course_summary',
      courseId: course.id,
      courseTitle: course.title,
      from: request.from ?? null,
      to: request.to ?? null,
      sessions: await this.reports.sessionsHeld(course.id, range?.start ?? null, range?.end ?? null),
      rows: rows.map((row) => {
        const { belowThreshold: _below, ...stats } = toStudentStats(course, row, policy, streaks.get(row.student.id) ?? 0);
        return stats;
      }),
    };
  }

  private async studentDetail(auth: AuthContext, request: Extract<ReportRequest, { type: 'student_detail' }>): Promise<AttendanceReport> {
    const user = requireUser(auth);
    let courseIds: string[] | null;
    if (user.role === 'student') {
      if (request.studentId !== user.userId) throw DomainError.forbidden("You can only see your own attendance");
      courseIds = request.courseId ? [request.courseId] : null;
    } else if (request.courseId) {
      await this.access.assertCanTeach(auth, request.courseId);
      courseIds = [request.courseId];
    } else if (isAdmin(user)) {
      courseIds = null;
    } else {
      const taught = await this.roster.courseIdsTaughtBy(user.userId);
      const taken = new Set(await this.roster.courseIdsOfStudent(request.studentId));
      courseIds = taught.filter((id) => taken.has(id));
      if (courseIds.length === 0) throw DomainError.forbidden('This student is not in a course you teach');
    }
    const student = await this.roster.profile(request.studentId);
    if (!student) throw DomainError.notFound('Student');
    const courses = (await this.reports.studentCourses(student.id)).filter((course) => !courseIds || courseIds.includes(course.id));
    const stats = [];
    for (const course of courses) stats.push(...(await this.statistics.courseStats(course, student.id)));
    const range = toRange(request);
    const records = await this.reports.studentRecords(student.id, courseIds, range?.start ?? null, range?.end ?? null);
    return {
      type: 'student_detail',
      student: { id: student.id, firstName: student.firstName, lastName: student.lastName, email: student.email },
      courses: stats,
      records: records.map((row) => ({ ...toRecord(row), courseTitle: row.course_title, topic: row.topic })),
    };
  }

  private async absentees(auth: AuthContext, request: Extract<ReportRequest, { type: 'absentees' }>): Promise<AttendanceReport> {
    const user = requireUser(auth);
    let courseIds: string[] | null;
    if (request.courseId) {
      await this.access.assertCanTeach(auth, request.courseId);
      courseIds = [request.courseId];
    } else if (isAdmin(user)) courseIds = null;
    else if (user.role === 'teacher') courseIds = await this.roster.courseIdsTaughtBy(user.userId);
    else throw DomainError.forbidden('Teachers and admins only');
    const { start, end } = localDayRange(request.date, request.date, request.timezone);
    const rows = await this.reports.absentees(courseIds, start, end);
    return {
      type: 'absentees',
      date: request.date,
      timezone: request.timezone,
      rows: rows.map((row) => ({
        student: row.student,
        courseId: row.course_id,
        courseTitle: row.course_title,
        sessionId: row.session_id,
        startsAt: iso(row.starts_at),
        method: row.method,
        note: row.note,
      })),
    };
  }

  private async weeklyTrend(auth: AuthContext, request: Extract<ReportRequest, { type: 'weekly_trend' }>): Promise<AttendanceReport> {
    const { course, user, teaches } = await this.access.assertMember(auth, request.courseId);
    if (!teaches && request.studentId && request.studentId !== user.userId) throw DomainError.forbidden("You can only see your own attendance");
    const studentId = teaches ? (request.studentId ?? null) : user.userId;
    const policy = await this.policies.forCourse(course.id);
    const range = toRange(request);
    const weeks = await this.reports.weeklyTrend(course.id, studentId, request.timezone, range?.start ?? null, range?.end ?? null);
    return {
      type: 'weekly_trend',
      courseId: course.id,
      studentId,
      weeks: weeks.map((week) => ({
        weekStart: week.week_start,
        present: week.present,
        late: week.late,
        absent: week.absent,
        excused: week.excused,
        percentage: attendancePercentage(week, policy.excusedLeavesDenominator),
      })),
    };
  }
}

/** The [start, end) instants of a from/to day range in the report's zone; null when neither is given. */
function toRange(request: { from?: string; to?: string; timezone: string }): { start: Date | null; end: Date | null } | null {
  if (!request.from && !request.to) return null;
  const start = request.from ? localDayRange(request.from, request.from, request.timezone).start : null;
  const end = request.to ? localDayRange(request.to, request.to, request.timezone).end : null;
  return { start, end };
}
