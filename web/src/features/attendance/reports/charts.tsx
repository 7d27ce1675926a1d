import type { WeekTrend } from '@tec/shared/contracts';
import { useState } from 'react';
import { t } from '../../../i18n';
import { useFormat } from '../../../i18n/use-format';
import { Button } from '../../../ui/button';
import { formatDayKey } from '../../../ui/calendar';

/** Weekly attendance % as an inline SVG line with its points; the same numbers as a table one click away. */
export function WeeklyTrendChart({ weeks, threshold }: { weeks: WeekTrend[]; threshold: number }) {
  const format = useFormat();
  const [table, setTable] = useState(false);
  const width = 640;
  const height = 220;
  const pad = { left: 40, right: 12, top: 12, bottom: 28 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const x = (index: number) => pad.left + (weeks.length <= 1 ? plotW / 2 : (index / (weeks.length - 1)) * plotW);
  const y = (percent: number) => pad.top + plotH - (percent / 100) * plotH;
  const points = weeks.map((week, index) => (week.percentage === null ? null : ([x(index), y(week.percentage)] as const)));
  const path = points
    .map((point, index) => (point ? `${index === 0 || !points[index - 1] ? 'M' : 'L'}${point[0].toFixed(1)},${point[1].toFixed(1)}` : ''))
    .join(' ');
  const label = (week: WeekTrend) => formatDayKey(week.weekStart, format.context.locale, { day: 'numeric', month: 'short' });
  const summary = t('reports.trendSummary', {
    weeks: weeks.length,
    last: weeks.at(-1)?.percentage === null || !weeks.length ? '—' : format.percent((weeks.at(-1)?.percentage ?? 0) / 100),
  });

  return (
    <div>
      {table ? (
        <TrendTable weeks={weeks} label={label} />
      ) : (
        <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-label={summary} data-testid="trend-chart">
          {[0, 25, 50, 75, 100].map((tick) => (
            <g key={tick}>
              <line x1={pad.left} x2={width - pad.right} y1={y(tick)} y2={y(tick)} stroke="#e2e8f0" />
              <text x={pad.left - 6} y={y(tick) + 4} textAnchor="end" fontSize="11" fill="#475569">
                {tick}%
              </text>
            </g>
          ))}
          <line x1={pad.left} x2={width - pad.right} y1={y(threshold)} y2={y(threshold)} stroke="#be123c" strokeDasharray="4 4" />
          <path d={path} fill="none" stroke="#1d4ed8" strokeWidth="2.5" />
          {points.map((point, index) =>
            point ? <circle key={weeks[index]?.weekStart} cx={point[0]} cy={point[1]} r="4" fill="#1d4ed8" /> : null,
          )}
          {weeks.map((week, index) =>
            index % Math.max(1, Math.ceil(weeks.length / 8)) === 0 || index === weeks.length - 1 ? (
              <text
                key={week.weekStart}
                x={x(index)}
                y={height - 8}
                // Edge labels anchor inwards, so the first and last dates stay inside the plot.
                textAnchor={weeks.length > 1 && index === 0 ? 'start' : weeks.length > 1 && index === weeks.length - 1 ? 'end' : 'middle'}
                fontSize="11"
                fill="#475569"
              >
                {label(week)}
              </text>
            ) : null,
          )}
        </svg>
      )}
      <div className="mt-2 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600">
        <span>{t('reports.thresholdLegend', { threshold })}</span>
        <Button variant="ghost" size="sm" onClick={() => setTable((value) => !value)} aria-pressed={table}>
          {table ? t('reports.showChart') : t('reports.showTable')}
        </Button>
      </div>
    </div>
  );
}

function TrendTable({ weeks, label }: { weeks: WeekTrend[]; label: (week: WeekTrend) => string }) {
  const format = useFormat();
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t('reports.trendTitle')}</caption>
        <thead className="text-xs text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-3">{t('reports.week')}</th>
            <th scope="col" className="py-2 pr-3">{t('attendance.status.present')}</th>
            <th scope="col" className="py-2 pr-3">{t('attendance.status.late')}</th>
            <th scope="col" className="py-2 pr-3">{t('attendance.status.absent')}</th>
            <th scope="col" className="py-2 pr-3">{t('attendance.status.excused')}</th>
            <th scope="col" className="py-2">{t('reports.percentage')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 tabular-nums">
          {weeks.map((week) => (
            <tr key={week.weekStart}>
              <th scope="row" className="py-2 pr-3 font-medium">{label(week)}</th>
              <td className="py-2 pr-3">{week.present}</td>
              <td className="py-2 pr-3">{week.late}</td>
              <td className="py-2 pr-3">{week.absent}</td>
              <td className="py-2 pr-3">{week.excused}</td>
              <td className="py-2">{week.percentage === null ? '—' : format.percent(week.percentage / 100)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface StudentPercent {
  id: string;
  name: string;
  percentage: number | null;
  below: boolean;
  present: number;
  late: number;
  absent: number;
  excused: number;
}

/** Per-student percentages as horizontal bars (HTML, so names wrap on a phone), lowest first, with the counts. */
export function StudentBars({ rows, threshold }: { rows: StudentPercent[]; threshold: number }) {
  const format = useFormat();
  const sorted = [...rows].sort((a, b) => (a.percentage ?? 101) - (b.percentage ?? 101) || a.name.localeCompare(b.name));
  return (
    <table className="w-full text-left text-sm" data-testid="student-percentages">
      <caption className="sr-only">{t('reports.studentsTitle')}</caption>
      <thead className="text-xs text-slate-600">
        <tr>
          <th scope="col" className="py-2 pr-3">{t('reports.student')}</th>
          <th scope="col" className="py-2 pr-3">{t('reports.percentage')}</th>
          <th scope="col" className="hidden py-2 sm:table-cell">{t('reports.counts')}</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200">
        {sorted.map((row) => (
          <tr key={row.id}>
            <th scope="row" className="py-2 pr-3 font-medium text-slate-900">{row.name}</th>
            <td className="w-1/2 py-2 pr-3">
              <div className="flex items-center gap-2">
                <div className="relative h-3 flex-1 rounded-full bg-slate-100" aria-hidden="true">
                  <div className={`h-3 rounded-full ${row.below ? 'bg-rose-600' : 'bg-emerald-600'}`} style={{ width: `${row.percentage ?? 0}%` }} />
                  <div className="absolute inset-y-[-2px] w-px bg-slate-900" style={{ left: `${threshold}%` }} />
                </div>
                <span className={`w-12 text-right tabular-nums ${row.below ? 'font-semibold text-rose-800' : ''}`}>
                  {row.percentage === null ? '—' : format.percent(row.percentage / 100)}
                </span>
              </div>
            </td>
            <td className="hidden py-2 text-xs text-slate-600 tabular-nums sm:table-cell">
              {row.present} / {row.late} / {row.absent} / {row.excused}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
