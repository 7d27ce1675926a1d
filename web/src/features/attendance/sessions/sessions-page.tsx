import type { SessionWithCounts } from '@tec/shared/contracts';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { t } from '../../../i18n';
import { useFormat } from '../../../i18n/use-format';
import { useDocumentTitle } from '../../../layout/use-document-title';
import { Badge } from '../../../ui/badge';
import { Button, ButtonLink } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { cx } from '../../../ui/class-names';
import { EmptyState } from '../../../ui/empty-state';
import { ErrorState } from '../../../ui/error-state';
import { SelectField } from '../../../ui/field';
import { CalendarIcon } from '../../../ui/icons';
import { PageHeader } from '../../../ui/page-header';
import { SkeletonList } from '../../../ui/skeleton';
import { useCurrentUser } from '../../auth/use-session';
import { useCourses } from '../../courses/use-courses';
import { addDays, addMonths, dayKeyOf, dayRangeToInstants, type DayKey, formatDayKey, groupByDay, monthGrid, startOfMonth, weekDays } from '../../../ui/calendar';
import { CreateSessionForm } from './create-session-form';
import { useSessions } from './use-sessions';

type View = 'week' | 'month' | 'list';

/** `/attendance`: the teacher's (or admin's) sessions as a week or month calendar or a list, filtered by course. */
export function SessionsPage() {
  useDocumentTitle(t('sessions.title'));
  const user = useCurrentUser();
  const format = useFormat();
  const zone = format.context.timeZone;
  const [params, setParams] = useSearchParams();
  const view = (params.get('view') as View | null) ?? 'week';
  const courseId = params.get('course') ?? '';
  const today = dayKeyOf(new Date(), zone);
  const anchor = params.get('day') ?? today;
  const [creating, setCreating] = useState(false);
  const courses = useCourses();
  const teachable = (courses.data ?? []).filter((course) => user.role === 'admin' || course.relation === 'teaching');

  const days = view === 'month' ? monthGrid(anchor) : view === 'week' ? weekDays(anchor) : Array.from({ length: 28 }, (_, index) => addDays(anchor, index));
  const range = dayRangeToInstants(days[0] ?? anchor, days.at(-1) ?? anchor, zone);
  const sessions = useSessions({ courseId: courseId || undefined, ...range });
  const byDay = groupByDay(sessions.data ?? [], zone);

  const update = (next: Record<string, string | null>) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) merged.set(key, value);
      else merged.delete(key);
    }
    setParams(merged, { replace: true });
  };
  const step = (direction: 1 | -1) =>
    update({ day: view === 'month' ? addMonths(startOfMonth(anchor), direction) : addDays(anchor, direction * (view === 'week' ? 7 : 28)) });
  const rangeLabel =
    view === 'month'
      ? formatDayKey(anchor, format.context.locale, { month: 'long', year: 'numeric' })
      : `${formatDayKey(days[0] ?? anchor, format.context.locale, { day: 'numeric', month: 'short' })} – ${formatDayKey(days.at(-1) ?? anchor, format.context.locale, { day: 'numeric', month: 'short', year: 'numeric' })}`;

  return (
    <>
      <PageHeader
        title={t('sessions.title')}
        description={t('sessions.subtitle')}
        testId="sessions-heading"
        actions={
          <>
            <ButtonLink to="/attendance/reports">{t('nav.attendanceReports')}</ButtonLink>
            <ButtonLink to="/attendance/exemptions">{t('exemptions.queueTitle')}</ButtonLink>
            <Button onClick={() => setCreating((value) => !value)} aria-expanded={creating} data-testid="new-session">
              {t('sessions.new')}
            </Button>
          </>
        }
      />
      {creating && (
        <Card title={t('sessions.form.title')} className="mb-6">
          <CreateSessionForm courses={teachable} defaultCourseId={courseId} onDone={() => setCreating(false)} />
        </Card>
      )}
      <div className="mb-4 flex flex-col gap-3 lg:flex-row lg:items-end">
        <SelectField label={t('sessions.course')} value={courseId} onChange={(event) => update({ course: event.target.value || null })} fieldClassName="lg:w-80">
          <option value="">{t('sessions.allCourses')}</option>
          {teachable.map((course) => (
            <option key={course.id} value={course.id}>
              {course.code} · {course.title}
            </option>
          ))}
        </SelectField>
        <div className="flex flex-wrap items-center gap-2 lg:ml-auto">
          <div role="group" aria-label={t('sessions.view')} className="inline-flex rounded-lg border border-slate-300 bg-white p-0.5">
            {(['week', 'month', 'list'] as const).map((value) => (
              <button
                key={value}
                type="button"
                aria-pressed={view === value}
                onClick={() => update({ view: value === 'week' ? null : value })}
                className={cx('h-10 rounded-md px-3 text-sm font-medium', view === value ? 'bg-brand-700 text-white' : 'text-slate-700 hover:bg-slate-100')}
              >
                {t(`sessions.view.${value}`)}
              </button>
            ))}
          </div>
          <Button variant="secondary" onClick={() => step(-1)} aria-label={t('sessions.previous')}>
            ‹
          </Button>
          <Button variant="secondary" onClick={() => update({ day: null })}>
            {t('sessions.today')}
          </Button>
          <Button variant="secondary" onClick={() => step(1)} aria-label={t('sessions.next')}>
            ›
          </Button>
        </div>
      </div>
      <h2 className="mb-3 text-lg font-semibold text-slate-900" aria-live="polite">
        {rangeLabel}
      </h2>
      {sessions.isPending ? (
        <SkeletonList rows={5} />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : view === 'month' ? (
        <MonthGrid days={days} byDay={byDay} anchor={anchor} today={today} />
      ) : (
        <DayList days={days} byDay={byDay} today={today} showEmptyDays={view === 'week'} />
      )}
      {!sessions.isPending && !sessions.isError && sessions.data.length === 0 && (
        <EmptyState icon={<CalendarIcon className="size-6" />} title={t('sessions.emptyTitle')} action={<Button onClick={() => setCreating(true)}>{t('sessions.new')}</Button>}>
          {t('sessions.emptyBody')}
        </EmptyState>
      )}
    </>
  );
}

function SessionChip({ session, compact = false }: { session: SessionWithCounts; compact?: boolean }) {
  const format = useFormat();
  const cancelled = session.phase === 'cancelled';
  return (
    <Link
      to={`/attendance/sessions/${session.id}`}
      data-testid="session-link"
      data-session-id={session.id}
      className={cx(
        'block rounded-lg border px-3 py-2 text-sm transition-colors hover:border-brand-400 hover:bg-brand-50',
        cancelled ? 'border-slate-200 bg-slate-50 text-slate-500 line-through' : session.phase === 'open' ? 'border-emerald-300 bg-emerald-50' : 'border-slate-200 bg-white',
      )}
    >
      <span className="font-medium text-slate-900">{format.time(session.startsAt)}</span> <span className="text-slate-700">{session.courseCode}</span>
      {!compact && (
        <span className="mt-0.5 flex flex-wrap items-center gap-2 text-xs text-slate-600">
          <span>{session.courseTitle}</span>
          {session.phase === 'open' && <Badge tone="success">{t('session.phase.open')}</Badge>}
          {session.phase === 'closed' && (
            <span>{t('sessions.attended', { count: session.counts.present + session.counts.late, enrolled: session.counts.enrolled })}</span>
          )}
        </span>
      )}
    </Link>
  );
}

function DayList({ days, byDay, today, showEmptyDays }: { days: DayKey[]; byDay: Map<DayKey, SessionWithCounts[]>; today: DayKey; showEmptyDays: boolean }) {
  const format = useFormat();
  const shown = days.filter((day) => showEmptyDays || byDay.has(day));
  return (
    <ol className="grid gap-3 md:grid-cols-2 xl:grid-cols-7">
      {shown.map((day) => (
        <li key={day} className={cx('rounded-xl border bg-white p-3', day === today ? 'border-brand-400 ring-1 ring-brand-400' : 'border-slate-200')}>
          <h3 className="mb-2 text-sm font-semibold text-slate-900">
            {formatDayKey(day, format.context.locale, { weekday: 'short', day: 'numeric', month: 'short' })}
            {day === today && <span className="ml-2 text-xs font-medium text-brand-700">{t('sessions.today')}</span>}
          </h3>
          <ul className="space-y-2">
            {(byDay.get(day) ?? []).map((session) => (
              <li key={session.id}>
                <SessionChip session={session} />
              </li>
            ))}
            {!byDay.has(day) && <li className="text-xs text-slate-500">{t('sessions.noClasses')}</li>}
          </ul>
        </li>
      ))}
    </ol>
  );
}

function MonthGrid({ days, byDay, anchor, today }: { days: DayKey[]; byDay: Map<DayKey, SessionWithCounts[]>; anchor: DayKey; today: DayKey }) {
  const format = useFormat();
  const month = anchor.slice(0, 7);
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[42rem] table-fixed border-collapse text-left">
        <caption className="sr-only">{formatDayKey(anchor, format.context.locale, { month: 'long', year: 'numeric' })}</caption>
        <thead>
          <tr>
            {days.slice(0, 7).map((day) => (
              <th key={day} scope="col" className="px-2 py-1 text-xs font-medium text-slate-600">
                {formatDayKey(day, format.context.locale, { weekday: 'short' })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: days.length / 7 }, (_, week) => (
            <tr key={week}>
              {days.slice(week * 7, week * 7 + 7).map((day) => (
                <td key={day} className={cx('h-28 border border-slate-200 p-1 align-top', day.slice(0, 7) !== month && 'bg-slate-50')}>
                  <p className={cx('mb-1 text-xs', day === today ? 'font-bold text-brand-700' : 'text-slate-600')}>{Number(day.slice(8))}</p>
                  <ul className="space-y-1">
                    {(byDay.get(day) ?? []).map((session) => (
                      <li key={session.id}>
                        <SessionChip session={session} compact />
                      </li>
                    ))}
                  </ul>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
