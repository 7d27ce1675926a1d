import type { DashboardSummary, ToGradeItem } from '../../api/types';
import { t, tn } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { Badge } from '../../ui/badge';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { BookIcon, CheckIcon, ClipboardIcon, UsersIcon } from '../../ui/icons';
import { CourseList } from '../courses/course-list';
import { GradeBars } from './grade-bars';
import { StatTile } from './stat-tile';
import { UpcomingAssignments } from './upcoming-assignments';

export function TeacherDashboard({ summary }: { summary: DashboardSummary }) {
  const format = useFormat();
  const teaching = summary.courses.filter((course) => course.relation === 'teaching');
  const students = teaching.reduce((sum, course) => sum + course.studentCount, 0);
  const toGrade = summary.toGrade ?? [];
  const ungraded = toGrade.reduce((sum, item) => sum + item.ungraded, 0);
  return (
    <div className="space-y-6">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-3">
        <StatTile label={t('dashboard.teacher.courses')} value={format.number(teaching.length)} icon={<BookIcon />} />
        <StatTile label={t('dashboard.teacher.students')} value={format.number(students)} icon={<UsersIcon />} />
        <div className="col-span-2 lg:col-span-1">
          <StatTile label={t('dashboard.teacher.ungraded')} value={format.number(ungraded)} icon={<ClipboardIcon />} />
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t('dashboard.toGrade.title')} description={t('dashboard.toGrade.hint')} testId="teacher-to-grade">
          <ToGradeList items={toGrade} />
        </Card>
        <Card title={t('dashboard.deadlines.title')} testId="teacher-deadlines">
          <UpcomingAssignments items={summary.upcomingAssignments} showStatus={false} />
        </Card>
      </div>
      <Card title={t('dashboard.teacher.myCourses')} testId="teacher-courses">
        <CourseList courses={teaching} emptyBody={t('courses.emptyTeacher')} />
      </Card>
      {summary.recentGrades.length > 0 && (
        <Card title={t('dashboard.grades.recentGiven')}>
          {/* The latest few are enough here; the full gradebook belongs to the course. */}
          <GradeBars grades={summary.recentGrades.slice(0, 5)} showStudent />
        </Card>
      )}
    </div>
  );
}

function ToGradeList({ items }: { items: ToGradeItem[] }) {
  const pending = items.filter((item) => item.ungraded > 0).sort((a, b) => b.ungraded - a.ungraded);
  if (pending.length === 0) {
    return (
      <EmptyState icon={<CheckIcon />} title={t('dashboard.toGrade.emptyTitle')}>
        {t('dashboard.toGrade.emptyBody')}
      </EmptyState>
    );
  }
  return (
    <ul className="-my-2 divide-y divide-slate-100">
      {pending.map((item) => (
        <li key={item.assignmentId} className="flex items-center justify-between gap-3 py-3">
          <div className="min-w-0">
            <p className="truncate font-medium text-slate-900">{item.title}</p>
            <p className="text-sm text-slate-600">{item.courseCode}</p>
          </div>
          <Badge tone="warning">{tn('dashboard.toGrade.count', item.ungraded)}</Badge>
        </li>
      ))}
    </ul>
  );
}

