import { Link, useParams } from 'react-router-dom';
import { t, tn } from '../../i18n';
import { useDocumentTitle } from '../../layout/use-document-title';
import { Badge } from '../../ui/badge';
import { Card } from '../../ui/card';
import { ErrorState } from '../../ui/error-state';
import { PageHeader } from '../../ui/page-header';
import { Skeleton, SkeletonList } from '../../ui/skeleton';
import { useCurrentUser } from '../auth/use-session';
import { UpcomingAssignments } from '../dashboard/upcoming-assignments';
import { useDashboard } from '../dashboard/use-dashboard';
import { CourseRoster } from './course-roster';
import { useCourse } from './use-course';

export function CoursePage() {
  const { courseId = '' } = useParams();
  const user = useCurrentUser();
  const course = useCourse(courseId);
  // The dashboard already lists upcoming work; this course's share of it needs no extra endpoint.
  const dashboard = useDashboard();
  useDocumentTitle(course.data?.title ?? t('course.title'));

  if (course.isPending) {
    return (
      <div role="status" aria-live="polite">
        <span className="sr-only">{t('common.loading')}</span>
        <Skeleton className="mb-2 h-4 w-24" />
        <Skeleton className="mb-8 h-8 w-72" />
        <Skeleton className="h-64 rounded-xl" />
      </div>
    );
  }
  if (course.isError) {
    return (
      <>
        <BackLink />
        <ErrorState error={course.error} onRetry={() => void course.refetch()} retrying={course.isFetching} />
      </>
    );
  }

  const detail = course.data;
  const relation = detail.relation;
  const showRoster = user.role === 'admin' || (user.role === 'teacher' && relation === 'teaching');
  const upcoming = (dashboard.data?.upcomingAssignments ?? []).filter((item) => item.courseId === detail.id);

  return (
    <>
      <BackLink />
      <PageHeader
        eyebrow={detail.code}
        title={detail.title}
        description={detail.description || undefined}
        actions={
          <>
            <Badge tone="neutral">{t(detail.level === 'bachelor' ? 'course.level.bachelor' : 'course.level.grade12')}</Badge>
            {relation === 'teaching' && <Badge tone="brand">{t('courses.relation.teaching')}</Badge>}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        {showRoster && (
          <Card
            title={t('course.roster.title')}
            description={detail.studentCount !== undefined ? tn('courses.studentCount', detail.studentCount) : undefined}
            className="lg:col-span-2"
            testId="course-roster-card"
          >
            <CourseRoster courseId={detail.id} />
          </Card>
        )}
        <div className={showRoster ? 'space-y-6' : 'space-y-6 lg:col-span-3'}>
          <Card title={t('course.upcoming')}>
            {dashboard.isPending ? <SkeletonList rows={2} /> : <UpcomingAssignments items={upcoming} showStatus={user.role === 'student'} />}
          </Card>
          {detail.teachers && detail.teachers.length > 0 && (
            <Card title={t('course.teachers')}>
              <ul className="space-y-2 text-sm">
                {detail.teachers.map((teacher) => (
                  <li key={teacher.id}>
                    <p className="font-medium text-slate-900">
                      {teacher.firstName} {teacher.lastName}
                    </p>
                  </li>
                ))}
              </ul>
            </Card>
          )}
        </div>
      </div>
    </>
  );
}

function BackLink() {
  return (
    <Link to="/courses" className="mb-3 inline-flex text-sm font-medium text-brand-700 hover:underline">
      ← {t('course.back')}
    </Link>
  );
}
