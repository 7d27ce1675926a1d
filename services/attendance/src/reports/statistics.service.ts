import { Injectable } from '@nestjs/common';
import {
  attendancePercentage,
  DomainError,
  type AttendancePolicy,
  type AuthContext,
  type RpcResponse,
  type StudentCourseStats,
  type attendanceRpc,
} from '@tec/shared';
import { requireUser } from '../common/access';
import { PoliciesRepository } from '../policies/policies.repository';
import { CourseAccess } from '../roster/course-access.service';
import type { CourseRow } from '../roster/roster.repository';
import { ReportsRepository, type CountsByStudent } from './reports.repository';

type Rpc = typeof attendanceRpc;

export function toStudentStats(course: CourseRow, row: CountsByStudent, policy: AttendancePolicy, streak: number): StudentCourseStats {
  return {
    courseId: course.id,
    courseCode: course.code,
    courseTitle: course.title,
    student: row.student,
    total: row.present + row.late + row.absent + row.excused,
    present: row.present,
    late: row.late,
    absent: row.absent,
    excused: row.excused,
    percentage: attendancePercentage(row, policy.excusedLeavesDenominator),
    belowThreshold: row.below_threshold,
    absenceStreak: streak,
  };
}

/** Per student × course figures from the incremental counters: fast whatever the number of sessions. */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly policies: PoliciesRepository,
    private readonly access: CourseAccess,
  ) {}

  async forCourse(auth: AuthContext, courseId: string, studentId?: string): Promise<RpcResponse<Rpc['statisticsGet']>> {
    const { course, user, teaches } = await this.access.assertMember(auth, courseId);
    // A student only ever sees their own row, whatever they ask for.
    const only = teaches ? studentId : user.userId;
    const items = await this.courseStats(course, only);
    const policy = await this.policies.forCourse(course.id);
    const percentages = items.map((item) => item.percentage).filter((value): value is number => value !== null);
    return {
      courseId: course.id,
      policy,
      sessionsHeld: await this.reports.sessionsHeld(course.id),
      averagePercentage: percentages.length ? Math.round((percentages.reduce((a, b) => a + b, 0) / percentages.length) * 10) / 10 : null,
      belowThreshold: items.filter((item) => item.belowThreshold).length,
      items,
    };
  }

  async mine(auth: AuthContext): Promise<{ items: StudentCourseStats[] }> {
    const user = requireUser(auth);
    if (user.role !== 'student') throw DomainError.forbidden('Only students have their own attendance');
    const items: StudentCourseStats[] = [];
    for (const course of await this.reports.studentCourses(user.userId)) items.push(...(await this.courseStats(course, user.userId)));
    return { items };
  }

  async courseStats(course: CourseRow, studentId?: string): Promise<StudentCourseStats[]> {
    const [rows, streaks, policy] = await Promise.all([
      this.reports.counters(course.id, studentId),
      this.reports.absenceStreaks(course.id, studentId),
      this.policies.forCourse(course.id),
    ]);
    return rows.map((row) => toStudentStats(course, row, policy, streaks.get(row.student.id) ?? 0));
  }
}
