import type { DashboardSummary } from '../../api/types';
import { t } from '../../i18n';
import { ButtonLink } from '../../ui/button';
import { Card } from '../../ui/card';
import { CourseList } from '../courses/course-list';
import { GradeBars } from './grade-bars';
import { UpcomingAssignments } from './upcoming-assignments';

export function StudentDashboard({ summary }: { summary: DashboardSummary }) {
  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-5">
        <Card title={t('dashboard.upcoming.title')} description={t('dashboard.upcoming.studentHint')} className="lg:col-span-3" testId="student-upcoming">
          <UpcomingAssignments items={summary.upcomingAssignments} />
        </Card>
        <Card title={t('dashboard.grades.title')} className="lg:col-span-2" testId="student-grades">
          <GradeBars grades={summary.recentGrades} />
        </Card>
      </div>
      {/* On a phone the bottom bar has no room for attendance: the history and exemption requests start here. */}
      <Card title={t('myAttendance.title')} description={t('myAttendance.subtitle')} testId="student-attendance">
        <ButtonLink to="/attendance/me" size="sm" data-testid="student-attendance-link">
          {t('checkIn.myAttendance')}
        </ButtonLink>
      </Card>
      <Card
        title={t('dashboard.courses.title')}
        action={
          <ButtonLink to="/courses" size="sm" variant="ghost">
            {t('common.viewAll')}
          </ButtonLink>
        }
      >
        <CourseList courses={summary.courses} emptyBody={t('courses.emptyStudent')} />
      </Card>
    </div>
  );
}
