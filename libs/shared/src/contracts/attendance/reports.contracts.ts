import { z } from 'zod';
import { defineRpc } from '../rpc-contract';
import { CalendarDate, EmptyRequest, Timezone } from '../core/common.dto';
import { AttendancePolicy, AttendanceRecord, StudentCourseStats, StudentRef } from './attendance.dto';

export const PolicyUpdateRequest = AttendancePolicy.omit({ courseId: true, updatedAt: true }).partial().extend({ courseId: z.uuid() });

export const StatisticsRequest = z.object({ courseId: z.uuid(), studentId: z.uuid().optional() });
export const CourseStatistics = z.object({
  courseId: z.uuid(),
  policy: AttendancePolicy,
  /** Sessions that have closed (every enrolled student has a record). */
  sessionsHeld: z.number().int(),
  /** Mean of the students' percentages that are not null. */
  averagePercentage: z.number().nullable(),
  belowThreshold: z.number().int(),
  items: z.array(StudentCourseStats),
});

export const WeekTrend = z.object({
  /** Monday of the week, in the report's timezone. */
  weekStart: CalendarDate,
  present: z.number().int(),
  late: z.number().int(),
  absent: z.number().int(),
  excused: z.number().int(),
  percentage: z.number().nullable(),
});
export type WeekTrend = z.infer<typeof WeekTrend>;

const Range = {
  /** First day included, in `timezone`. */
  from: CalendarDate.optional(),
  /** Last day included, in `timezone`. */
  to: CalendarDate.optional(),
  timezone: Timezone.default('UTC'),
};

export const ReportRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('course_summary'), courseId: z.uuid(), ...Range }),
  z.object({ type: z.literal('student_detail'), courseId: z.uuid().optional(), studentId: z.uuid(), ...Range }),
  z.object({ type: z.literal('absentees'), date: CalendarDate, courseId: z.uuid().optional(), timezone: Timezone.default('UTC') }),
  z.object({ type: z.literal('weekly_trend'), courseId: z.uuid(), studentId: z.uuid().optional(), ...Range }),
]);
export type ReportRequest = z.infer<typeof ReportRequest>;

export const CourseSummaryReport = z.object({
  type: z.literal('course_summary'),
  courseId: z.uuid(),
  courseTitle: z.string(),
  from: CalendarDate.nullable(),
  to: CalendarDate.nullable(),
  sessions: z.number().int(),
  /** Every actively enrolled student, including those with no record in the range (percentage null). */
  rows: z.array(StudentCourseStats.omit({ belowThreshold: true })),
});
export const StudentDetailReport = z.object({
  type: z.literal('student_detail'),
  student: StudentRef,
  courses: z.array(StudentCourseStats),
  records: z.array(AttendanceRecord.extend({ courseTitle: z.string(), topic: z.string().nullable() })),
});
export const AbsenteesReport = z.object({
  type: z.literal('absentees'),
  date: CalendarDate,
  timezone: z.string(),
  rows: z.array(
    z.object({
      student: StudentRef,
      courseId: z.uuid(),
      courseTitle: z.string(),
      sessionId: z.uuid(),
      startsAt: z.iso.datetime(),
      method: z.string(),
      note: z.string().nullable(),
    }),
  ),
});
export const WeeklyTrendReport = z.object({ type: z.literal('weekly_trend'), courseId: z.uuid(), studentId: z.uuid().nullable(), weeks: z.array(WeekTrend) });
export const AttendanceReport = z.discriminatedUnion('type', [CourseSummaryReport, StudentDetailReport, AbsenteesReport, WeeklyTrendReport]);
export type AttendanceReport = z.infer<typeof AttendanceReport>;

/** Any signed-in user may read a course's policy if they belong to it; teachers of the course and admins change it. */
export const policyGet = defineRpc('attendance', 'policyGet', z.object({ courseId: z.uuid() }), AttendancePolicy);
/** Future sessions take the new timings; held sessions keep theirs. */
export const policyUpdate = defineRpc('attendance', 'policyUpdate', PolicyUpdateRequest, AttendancePolicy);
/** Teachers of the course and admins see every student; a student sees only their own row (studentId ignored). */
export const statisticsGet = defineRpc('attendance', 'statisticsGet', StatisticsRequest, CourseStatistics);
/** The signed-in student's figures for every course they are enrolled in. */
export const myAttendance = defineRpc('attendance', 'myAttendance', EmptyRequest, z.object({ items: z.array(StudentCourseStats) }));
/** Teachers (their courses), admins (all), students (their own detail and trend only). */
export const reportGet = defineRpc('attendance', 'reportGet', ReportRequest, AttendanceReport);
