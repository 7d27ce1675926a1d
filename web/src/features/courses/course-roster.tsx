import { useDeferredValue, useState } from 'react';
import type { CourseStudent } from '../../api/types';
import { t, tn } from '../../i18n';
import { EmptyState } from '../../ui/empty-state';
import { ErrorState } from '../../ui/error-state';
import { TextField } from '../../ui/field';
import { UsersIcon } from '../../ui/icons';
import { SkeletonList } from '../../ui/skeleton';
import { useCourseStudents } from './use-course-students';

function initials(student: CourseStudent): string {
  return `${student.firstName.charAt(0)}${student.lastName.charAt(0)}`.toUpperCase();
}

export function CourseRoster({ courseId }: { courseId: string }) {
  const students = useCourseStudents(courseId, { enabled: true });
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter.trim().toLowerCase());

  if (students.isPending) return <SkeletonList rows={5} />;
  if (students.isError) return <ErrorState error={students.error} onRetry={() => void students.refetch()} retrying={students.isFetching} />;
  if (students.data.length === 0) {
    return (
      <EmptyState icon={<UsersIcon />} title={t('course.roster.emptyTitle')}>
        {t('course.roster.emptyBody')}
      </EmptyState>
    );
  }

  const visible = deferredFilter
    ? students.data.filter((student) =>
        `${student.firstName} ${student.lastName} ${student.email ?? ''}`.toLowerCase().includes(deferredFilter),
      )
    : students.data;

  return (
    <div>
      <div className="mb-4 flex flex-col gap-2 sm:flex-row sm:items-end sm:justify-between">
        <TextField
          label={t('course.roster.filter')}
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          fieldClassName="sm:w-72"
        />
        <p className="text-sm text-slate-600" aria-live="polite">
          {tn('course.roster.showing', visible.length, { total: students.data.length })}
        </p>
      </div>
      <ul className="divide-y divide-slate-100" data-testid="course-roster">
        {visible.map((student) => (
          <li key={student.id} className="flex items-center gap-3 py-2.5">
            <span className="grid size-9 shrink-0 place-items-center rounded-full bg-slate-100 text-xs font-semibold text-slate-700" aria-hidden="true">
              {initials(student)}
            </span>
            <div className="min-w-0">
              <p className="truncate font-medium text-slate-900">
                {student.lastName}, {student.firstName}
              </p>
              {student.email && <p className="truncate text-sm text-slate-600">{student.email}</p>}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
