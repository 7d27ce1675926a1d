import type { RecentGrade } from '../../api/types';
import { t } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { cx } from '../../ui/class-names';
import { EmptyState } from '../../ui/empty-state';
import { ClipboardIcon } from '../../ui/icons';

function barColor(fraction: number): string {
  if (fraction >= 0.8) return 'bg-emerald-600';
  if (fraction >= 0.6) return 'bg-brand-600';
  if (fraction >= 0.4) return 'bg-amber-500';
  return 'bg-rose-600';
}

/** A score bar per grade; the numbers are written out too, so the bar is never the only carrier of the value. */
export function GradeBars({ grades, showStudent = false }: { grades: RecentGrade[]; showStudent?: boolean }) {
  const format = useFormat();
  if (grades.length === 0) {
    return (
      <EmptyState icon={<ClipboardIcon />} title={t('dashboard.grades.emptyTitle')}>
        {t('dashboard.grades.emptyBody')}
      </EmptyState>
    );
  }
  const average = grades.reduce((sum, grade) => sum + (grade.maxScore > 0 ? grade.score / grade.maxScore : 0), 0) / grades.length;
  return (
    <div>
      <p className="mb-4 text-sm text-slate-600">
        {t('dashboard.grades.average')} <span className="font-semibold text-slate-900">{format.percent(average)}</span>
      </p>
      <ul className="space-y-4">
        {grades.map((grade) => {
          const fraction = grade.maxScore > 0 ? Math.min(1, Math.max(0, grade.score / grade.maxScore)) : 0;
          return (
            <li key={`${grade.assignmentId}-${grade.studentName ?? ''}`}>
              <div className="flex items-baseline justify-between gap-3 text-sm">
                <p className="min-w-0 truncate">
                  <span className="font-medium text-slate-900">{grade.assignmentTitle}</span>
                  <span className="text-slate-600">
                    {' '}
                    · {grade.courseCode}
                    {showStudent && grade.studentName ? ` · ${grade.studentName}` : ''}
                  </span>
                </p>
                <p className="shrink-0 text-slate-700 tabular-nums">
                  {t('dashboard.grades.score', { score: format.number(grade.score), max: format.number(grade.maxScore) })}
                  <span className="ml-1.5 font-semibold text-slate-900">{format.percent(fraction)}</span>
                </p>
              </div>
              <div className="mt-1.5 h-2 w-full overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
                <div className={cx('h-full rounded-full', barColor(fraction))} style={{ width: `${Math.max(fraction * 100, 2)}%` }} />
              </div>
              <p className="mt-1 text-xs text-slate-600">
                <time dateTime={grade.gradedAt}>{t('dashboard.grades.gradedOn', { when: format.date(grade.gradedAt) })}</time>
              </p>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
