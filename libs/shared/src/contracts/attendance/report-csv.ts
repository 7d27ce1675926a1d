import type { AttendanceReport } from './reports.contracts';
import type { CsvCell } from './csv';

/** The rows of a report as a table, for CSV downloads (the gateway) and previews (the web app). */
export function reportTable(report: AttendanceReport): { fileName: string; header: string[]; rows: CsvCell[][] } {
  switch (report.type) {
    case 'course_summary':
      return {
        fileName: `attendance-summary-${report.courseId}.csv`,
        header: ['student_id', 'last_name', 'first_name', 'email', 'total', 'present', 'late', 'absent', 'excused', 'percentage', 'absence_streak'],
        rows: report.rows.map((row) => [
          row.student.id, row.student.lastName, row.student.firstName, row.student.email,
          row.total, row.present, row.late, row.absent, row.excused, row.percentage, row.absenceStreak,
        ]),
      };
    case 'student_detail':
      return {
        fileName: `attendance-student-${report.student.id}.csv`,
        header: ['date_time', 'course', 'topic', 'status', 'method', 'checked_in_at', 'note'],
        rows: report.records.map((row) => [row.sessionStartsAt, row.courseTitle, row.topic, row.status, row.method, row.checkedInAt, row.note]),
      };
    case 'absentees':
      return {
        fileName: `absentees-${report.date}.csv`,
        header: ['date_time', 'course', 'student_id', 'last_name', 'first_name', 'email', 'method', 'note'],
        rows: report.rows.map((row) => [
          row.startsAt, row.courseTitle, row.student.id, row.student.lastName, row.student.firstName, row.student.email, row.method, row.note,
        ]),
      };
    case 'weekly_trend':
      return {
        fileName: `attendance-trend-${report.courseId}.csv`,
        header: ['week_start', 'present', 'late', 'absent', 'excused', 'percentage'],
        rows: report.weeks.map((week) => [week.weekStart, week.present, week.late, week.absent, week.excused, week.percentage]),
      };
  }
}
