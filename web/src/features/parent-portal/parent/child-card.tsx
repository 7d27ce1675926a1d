import { Link } from 'react-router-dom';
import type { ChildSummary } from '../../../api/parent-portal.api';
import { t, tn } from '../../../i18n';
import { useFormat } from '../../../i18n/use-format';
import { Badge } from '../../../ui/badge';
import { ChevronRightIcon } from '../../../ui/icons';
import { fullName, relationshipLabel } from '../shared/labels';
import { percentTone, type Tone } from '../shared/portal-logic';

const VALUE_TONE: Record<Tone, string> = { success: 'text-emerald-800', warning: 'text-amber-800', danger: 'text-rose-800', neutral: 'text-slate-900' };

/** One child at a glance; the whole card opens the child's page. */
export function ChildCard({ summary }: { summary: ChildSummary }) {
  const format = useFormat();
  const { child } = summary;
  const attendanceTone = percentTone(summary.attendancePercentage, 85);
  const gradeTone = percentTone(summary.gradeAverage, 70);
  return (
    <li className="rounded-xl border border-slate-200 bg-white shadow-sm transition-shadow hover:shadow-md" data-testid="child-card" data-student-id={child.id}>
      <Link to={`/family/children/${child.id}`} className="block rounded-xl p-4 focus-visible:outline-2 focus-visible:outline-brand-600 sm:p-5">
        <div className="flex items-start gap-3">
          <span className="grid size-11 shrink-0 place-items-center rounded-full bg-brand-100 text-base font-semibold text-brand-800" aria-hidden="true">
            {child.firstName.charAt(0)}
            {child.lastName.charAt(0)}
          </span>
          <div className="min-w-0 flex-1">
            <p className="truncate text-base font-semibold text-slate-900">{fullName(child)}</p>
            <p className="text-sm text-slate-600">{relationshipLabel(summary.relationship)}</p>
          </div>
          {summary.unreadAlerts > 0 && (
            <Badge tone="danger">
              <span data-testid="child-unread-alerts">{tn('parentPortal.card.unreadAlerts', summary.unreadAlerts)}</span>
            </Badge>
          )}
          <ChevronRightIcon className="mt-2 size-5 shrink-0 text-slate-400" />
        </div>
        <dl className="mt-4 grid grid-cols-3 gap-2 text-center">
          <div className="rounded-lg bg-slate-50 p-2">
            <dt className="text-xs text-slate-600">{t('parentPortal.card.attendance')}</dt>
            <dd className={`text-xl font-semibold tabular-nums ${VALUE_TONE[attendanceTone]}`} data-testid="child-attendance">
              {summary.attendancePercentage === null ? '—' : format.percent(summary.attendancePercentage / 100)}
            </dd>
          </div>
          <div className="rounded-lg bg-slate-50 p-2">
            <dt className="text-xs text-slate-600">{t('parentPortal.card.grade')}</dt>
            <dd className={`text-xl font-semibold tabular-nums ${VALUE_TONE[gradeTone]}`}>
              {summary.gradeAverage === null ? '—' : format.percent(summary.gradeAverage / 100)}
            </dd>
          </div>
          <div className="rounded-lg bg-slate-50 p-2">
            <dt className="text-xs text-slate-600">{t('parentPortal.card.missing')}</dt>
            <dd className={`text-xl font-semibold tabular-nums ${summary.missingAssignments > 0 ? 'text-rose-800' : 'text-slate-900'}`}>{summary.missingAssignments}</dd>
          </div>
        </dl>
        <p className="mt-3 text-sm text-slate-700">
          <span className="font-medium">{t('parentPortal.card.nextClass')}</span>{' '}
          {summary.nextClass ? (
            <span>
              {summary.nextClass.title}
              {summary.nextClass.title !== summary.nextClass.course.title && <span className="text-slate-600"> · {summary.nextClass.course.title}</span>}
              <span className="text-slate-600">
                {' '}
                · {format.date(summary.nextClass.startsAt)} {format.time(summary.nextClass.startsAt)}
              </span>
              {summary.nextClass.kind === 'live_class' && (
                <Badge tone="info" className="ml-2">
                  {t('parentPortal.live')}
                </Badge>
              )}
            </span>
          ) : (
            <span className="text-slate-600">{t('parentPortal.card.noNextClass')}</span>
          )}
        </p>
      </Link>
    </li>
  );
}
