import type { LiveAttendanceResult, LiveClass } from '@tec/shared/contracts';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { t } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { ErrorState } from '../../ui/error-state';
import { SkeletonList } from '../../ui/skeleton';
import { useSessions } from '../attendance/sessions/use-sessions';
import { barFractions, slotMinutesOf } from './live-class-logic';
import { useLiveAttendance } from './use-live-attendance';

const HOUR = 3_600_000;

/**
 * Per-class attendance from presence: minutes attended, share of the slot and the participation score, as a small
 * SVG bar chart (minutes against the slot) with the same numbers as a table one click away. Links to the
 * attendance session the result was written to, when there is one.
 */
export function AttendanceReport({ item }: { item: LiveClass }) {
  const format = useFormat();
  const report = useLiveAttendance(item.id, true);
  const [table, setTable] = useState(false);
  // The attendance service writes onto the course's session overlapping the slot (or creates one).
  const sessions = useSessions({ courseId: item.courseId, from: new Date(Date.parse(item.startsAt) - 8 * HOUR).toISOString(), to: item.endsAt });
  const session = sessions.data?.find(
    (entry) => entry.status !== 'cancelled' && Date.parse(entry.startsAt) < Date.parse(item.endsAt) && Date.parse(entry.endsAt) > Date.parse(item.startsAt),
  );

  return (
    <Card
      title={t('liveClasses.attendance.title')}
      description={report.data?.computedAt ? t('liveClasses.attendance.computedAt', { time: format.dateTime(report.data.computedAt) }) : undefined}
      testId="live-attendance"
      action={
        report.data && report.data.items.length > 0 ? (
          <Button size="sm" variant="ghost" onClick={() => setTable((value) => !value)} aria-pressed={table}>
            {table ? t('liveClasses.attendance.showChart') : t('liveClasses.attendance.showTable')}
          </Button>
        ) : null
      }
    >
      {report.isPending ? (
        <SkeletonList rows={3} label={t('liveClasses.attendance.loading')} />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} retrying={report.isFetching} compact />
      ) : report.data.items.length === 0 ? (
        <EmptyState title={t('liveClasses.attendance.empty')}>
          {item.status === 'completed' ? t('liveClasses.attendance.emptySettling') : t('liveClasses.attendance.emptyNotEnded')}
        </EmptyState>
      ) : table ? (
        <AttendanceTable items={report.data.items} />
      ) : (
        <>
          <AttendanceChart items={report.data.items} slotMinutes={slotMinutesOf(item)} />
          {/* The chart is an image to screen readers; the table is always there for them. */}
          <div className="sr-only">
            <AttendanceTable items={report.data.items} />
          </div>
        </>
      )}
      {session && (
        <p className="mt-4 text-sm">
          <Link to={`/attendance/sessions/${session.id}`} className="font-medium text-brand-700 underline" data-testid="live-attendance-session">
            {t('liveClasses.attendance.sessionLink')}
          </Link>
        </p>
      )}
    </Card>
  );
}

function AttendanceChart({ items, slotMinutes }: { items: LiveAttendanceResult[]; slotMinutes: number }) {
  const format = useFormat();
  const rowH = 30;
  const labelW = 150;
  const valueW = 90;
  const width = 640;
  const plotW = width - labelW - valueW;
  const height = items.length * rowH + 8;
  const fractions = barFractions(
    items.map((entry) => entry.minutesAttended),
    slotMinutes,
  );
  const average = items.length ? items.reduce((sum, entry) => sum + entry.attendedRatio, 0) / items.length : 0;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      className="h-auto w-full"
      role="img"
      aria-label={t('liveClasses.attendance.chartLabel', { count: items.length, average: format.percent(average), minutes: slotMinutes })}
      data-testid="live-attendance-chart"
    >
      {items.map((entry, index) => {
        const y = index * rowH + 4;
        const fraction = fractions[index] ?? 0;
        const name = `${entry.student.firstName} ${entry.student.lastName}`;
        return (
          <g key={entry.student.id}>
            <text x={labelW - 8} y={y + rowH / 2 + 4} textAnchor="end" fontSize="13" fill="#0f172a">
              {name.length > 20 ? `${name.slice(0, 19)}…` : name}
            </text>
            <rect x={labelW} y={y + 5} width={plotW} height={rowH - 10} rx="4" fill="#f1f5f9" />
            <rect x={labelW} y={y + 5} width={Math.max(fraction > 0 ? 3 : 0, fraction * plotW)} height={rowH - 10} rx="4" fill={fraction >= 0.75 ? '#047857' : fraction >= 0.4 ? '#f59e0b' : '#be123c'} />
            <text x={labelW + plotW + 8} y={y + rowH / 2 + 4} fontSize="12" fill="#334155">
              {Math.round(entry.minutesAttended)}′ · {Math.round(entry.score)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function AttendanceTable({ items }: { items: LiveAttendanceResult[] }) {
  const format = useFormat();
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="live-attendance-table">
        <caption className="sr-only">{t('liveClasses.attendance.title')}</caption>
        <thead className="text-xs text-slate-600 uppercase">
          <tr>
            <th scope="col" className="py-2 pr-3">
              {t('liveClasses.attendance.student')}
            </th>
            <th scope="col" className="py-2 pr-3 text-right">
              {t('liveClasses.attendance.minutes')}
            </th>
            <th scope="col" className="py-2 pr-3 text-right">
              {t('liveClasses.attendance.share')}
            </th>
            <th scope="col" className="py-2 pr-3 text-right">
              {t('liveClasses.attendance.score')}
            </th>
            <th scope="col" className="hidden py-2 pr-3 sm:table-cell">
              {t('liveClasses.attendance.firstJoined')}
            </th>
            <th scope="col" className="hidden py-2 text-right sm:table-cell">
              {t('liveClasses.attendance.questions')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((entry) => (
            <tr key={entry.student.id} className="border-t border-slate-100">
              <th scope="row" className="py-2 pr-3 font-medium text-slate-900">
                {entry.student.firstName} {entry.student.lastName}
              </th>
              <td className="py-2 pr-3 text-right tabular-nums">{format.number(Math.round(entry.minutesAttended))}</td>
              <td className="py-2 pr-3 text-right tabular-nums">{format.percent(entry.attendedRatio)}</td>
              <td className="py-2 pr-3 text-right tabular-nums">{format.number(Math.round(entry.score))}</td>
              <td className="hidden py-2 pr-3 sm:table-cell">{entry.firstJoinedAt ? format.time(entry.firstJoinedAt) : t('liveClasses.attendance.never')}</td>
              <td className="hidden py-2 text-right tabular-nums sm:table-cell">{entry.questionsAsked}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
