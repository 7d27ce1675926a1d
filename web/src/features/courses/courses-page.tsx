import { t } from '../../i18n';
import { useDocumentTitle } from '../../layout/use-document-title';
import { Card } from '../../ui/card';
import { ErrorState } from '../../ui/error-state';
import { PageHeader } from '../../ui/page-header';
import { SkeletonList } from '../../ui/skeleton';
import { useCurrentUser } from '../auth/use-session';
import { CourseList } from './course-list';
import { useCourses } from './use-courses';

export function CoursesPage() {
  const user = useCurrentUser();
  const courses = useCourses();
  useDocumentTitle(t('courses.title'));
  const teacher = user.role === 'teacher';
  return (
    <>
      <PageHeader title={t('courses.title')} description={teacher ? t('courses.subtitleTeacher') : t('courses.subtitleStudent')} />
      <Card>
        {courses.isPending ? (
          <SkeletonList rows={4} />
        ) : courses.isError ? (
          <ErrorState error={courses.error} onRetry={() => void courses.refetch()} retrying={courses.isFetching} />
        ) : (
          <CourseList courses={courses.data} emptyBody={teacher ? t('courses.emptyTeacher') : t('courses.emptyStudent')} />
        )}
      </Card>
    </>
  );
}
