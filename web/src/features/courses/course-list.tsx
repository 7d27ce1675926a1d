import { Link } from 'react-router-dom';
import type { CourseCard } from '../../api/types';
import { t, tn } from '../../i18n';
import { Badge } from '../../ui/badge';
import { EmptyState } from '../../ui/empty-state';
import { BookIcon, ChevronRightIcon } from '../../ui/icons';

export function CourseList({ courses, emptyBody }: { courses: CourseCard[]; emptyBody: string }) {
  if (courses.length === 0) {
    return (
      <EmptyState icon={<BookIcon />} title={t('courses.emptyTitle')}>
        {emptyBody}
      </EmptyState>
    );
  }
  return (
    <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
      {courses.map((course) => (
        <li key={course.id}>
          <Link
            to={`/courses/${course.id}`}
            className="group flex h-full items-start gap-3 rounded-lg border border-slate-200 p-3 transition-colors hover:border-brand-300 hover:bg-brand-50/50"
          >
            <span className="grid size-10 shrink-0 place-items-center rounded-lg bg-brand-50 text-brand-700" aria-hidden="true">
              <BookIcon className="size-5" />
            </span>
            <span className="min-w-0 flex-1">
              <span className="block text-xs font-semibold tracking-wide text-brand-700 uppercase">{course.code}</span>
              <span className="block font-medium text-slate-900">{course.title}</span>
              <span className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
                {tn('courses.studentCount', course.studentCount)}
                {course.relation === 'teaching' && <Badge tone="brand">{t('courses.relation.teaching')}</Badge>}
              </span>
            </span>
            <ChevronRightIcon className="mt-2 size-4 shrink-0 text-slate-400 group-hover:text-brand-700" />
          </Link>
        </li>
      ))}
    </ul>
  );
}
