import { Link } from 'react-router-dom';
import type { UpcomingAssignment } from '../../api/types';
import { t } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { cx } from '../../ui/class-names';
import { EmptyState } from '../../ui/empty-state';
import { CalendarIcon } from '../../ui/icons';
import { AssignmentStatusBadge } from './status-badge';

/** Soonest first; a missing one is shown in its place so it isn't buried. */
export function UpcomingAssignments({ items, showStatus = true }: { items: UpcomingAssignment[]; showStatus?: boolean }) {
  const format = useFormat();
  if (items.length === 0) {
    return (
      <EmptyState icon={<CalendarIcon />} title={t('dashboard.upcoming.emptyTitle')}>
        {t('dashboard.upcoming.emptyBody')}
      </EmptyState>
    );
  }
  const sorted = [...items].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  return (
    <ul className="-my-2 divide-y divide-slate-100">
      {sorted.map((assignment) => {
        const overdue = Date.parse(assignment.dueAt) < Date.now() && assignment.status !== 'graded' && assignment.status !== 'submitted';
        return (
          <li key={assignment.id} className="flex items-start gap-3 py-3">
            <div className="min-w-0 flex-1">
              <p className="font-medium text-slate-900">{assignment.title}</p>
              <p className="mt-0.5 text-sm text-slate-600">
                <Link to={`/courses/${assignment.courseId}`} className="font-medium text-brand-700 hover:underline">
                  {assignment.courseCode}
                </Link>
                <span aria-hidden="true"> · </span>
                <time dateTime={assignment.dueAt} title={format.dateTime(assignment.dueAt)} className={cx(overdue && 'text-rose-700')}>
                  {t('dashboard.upcoming.due', { when: format.dateTime(assignment.dueAt) })}
                </time>
                <span className="text-slate-600"> ({format.relative(assignment.dueAt)})</span>
              </p>
            </div>
            {showStatus && <AssignmentStatusBadge status={assignment.status} />}
          </li>
        );
      })}
    </ul>
  );
}
