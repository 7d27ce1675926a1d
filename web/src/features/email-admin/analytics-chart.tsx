import { type KeyboardEvent, type PointerEvent, useId, useMemo, useRef, useState } from 'react';
import type { AnalyticsDay, EmailAnalytics } from '../../api/email.api';
import { type MessageKey, t } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { type ChartBox, labelIndexes, linePath, nearestIndex, niceScale, xAt, yAt, yTicks } from './chart-scale';
import { useElementWidth } from './use-element-width';

type SeriesKey = 'sent' | 'delivered' | 'bounced' | 'failed';

/** Colour plus a dash pattern, so the lines differ without colour too. */
const SERIES: Array<{ key: SeriesKey; label: MessageKey; color: string; dash?: string }> = [
  { key: 'sent', label: 'email.chart.sent', color: '#15766d' },
  { key: 'delivered', label: 'email.chart.delivered', color: '#1d4ed8', dash: '6 3' },
  { key: 'bounced', label: 'email.chart.bounced', color: '#b45309', dash: '2 3' },
  { key: 'failed', label: 'email.chart.failed', color: '#be123c', dash: '8 3 2 3' },
];

const HEIGHT = 240;

/** "1 Mar": analytics days are calendar dates, so they are formatted as such (no timezone shift). */
function dayFormatter(locale: string, long = false): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, long ? { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' } : { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

function dayValue(day: AnalyticsDay): Date {
  return new Date(`${day.date}T00:00:00Z`);
}

/**
 * The daily delivery chart in inline SVG, drawn at its real width. The focusable plot answers arrow keys (and the
 * pointer) with the day's numbers in a live region; the full numbers are also in a table under it.
 */
export function AnalyticsChart({ analytics }: { analytics: EmailAnalytics }) {
  const format = useFormat();
  const containerRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(containerRef, 640);
  const narrow = width < 480;
  const box: ChartBox = { width, height: HEIGHT, left: narrow ? 32 : 44, right: 12, top: 12, bottom: 28 };
  const days = analytics.days;
  const scale = useMemo(() => niceScale(Math.max(0, ...days.flatMap((day) => SERIES.map((series) => day[series.key])))), [days]);
  const ticks = yTicks(scale);
  const labels = labelIndexes(days.length, narrow ? 4 : 7);
  const short = dayFormatter(format.context.locale);
  const long = dayFormatter(format.context.locale, true);
  const [active, setActive] = useState<number | null>(null);
  const descriptionId = useId();
  const totals = SERIES.map((series) => ({ ...series, total: days.reduce((sum, day) => sum + day[series.key], 0) }));

  function onKeyDown(event: KeyboardEvent<SVGSVGElement>) {
    if (days.length === 0) return;
    const current = active ?? days.length - 1;
    const next =
      event.key === 'ArrowLeft' ? current - 1 : event.key === 'ArrowRight' ? current + 1 : event.key === 'Home' ? 0 : event.key === 'End' ? days.length - 1 : null;
    if (next === null) return;
    event.preventDefault();
    setActive(Math.min(days.length - 1, Math.max(0, next)));
  }

  function onPointerMove(event: PointerEvent<SVGSVGElement>) {
    const rect = event.currentTarget.getBoundingClientRect();
    setActive(nearestIndex(event.clientX - rect.left, days.length, box));
  }

  const activeDay = active !== null ? days[active] : undefined;
  return (
    <div data-testid="analytics-chart">
      <ul className="mb-3 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700" aria-label={t('email.chart.legend')}>
        {totals.map((series) => (
          <li key={series.key} className="flex items-center gap-2">
            <svg width="24" height="8" aria-hidden="true">
              <line x1="0" y1="4" x2="24" y2="4" stroke={series.color} strokeWidth="2.5" strokeDasharray={series.dash} />
            </svg>
            {t(series.label)} <span className="font-semibold tabular-nums">{format.number(series.total)}</span>
          </li>
        ))}
      </ul>
      <div ref={containerRef} className="relative w-full">
        <svg
          width={width}
          height={HEIGHT}
          role="img"
          tabIndex={0}
          aria-roledescription={t('email.chart.roleDescription')}
          aria-label={t('email.chart.label', { days: days.length })}
          aria-describedby={descriptionId}
          onKeyDown={onKeyDown}
          onPointerMove={onPointerMove}
          onPointerLeave={() => setActive(null)}
          onBlur={() => setActive(null)}
          className="block rounded-lg outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
          data-testid="analytics-svg"
        >
          {ticks.map((tick) => (
            <g key={tick}>
              <line x1={box.left} x2={width - box.right} y1={yAt(tick, scale.ceiling, box)} y2={yAt(tick, scale.ceiling, box)} stroke="#e2e8f0" />
              <text x={box.left - 6} y={yAt(tick, scale.ceiling, box)} textAnchor="end" dominantBaseline="middle" className="fill-slate-600 text-[11px] tabular-nums">
                {format.number(tick)}
              </text>
            </g>
          ))}
          {labels.map((index) => {
            const day = days[index];
            return day ? (
              // The first and last labels hug the plot's edges instead of spilling past them.
              <text
                key={day.date}
                x={xAt(index, days.length, box)}
                y={HEIGHT - 8}
                textAnchor={days.length > 1 && index === 0 ? 'start' : days.length > 1 && index === days.length - 1 ? 'end' : 'middle'}
                className="fill-slate-600 text-[11px]"
              >
                {short.format(dayValue(day))}
              </text>
            ) : null;
          })}
          {activeDay && active !== null && (
            <line x1={xAt(active, days.length, box)} x2={xAt(active, days.length, box)} y1={box.top} y2={HEIGHT - box.bottom} stroke="#94a3b8" strokeDasharray="3 3" />
          )}
          {SERIES.map((series) => (
            <path
              key={series.key}
              d={linePath(days.map((day) => day[series.key]), scale.ceiling, box)}
              fill="none"
              stroke={series.color}
              strokeWidth={2}
              strokeDasharray={series.dash}
              strokeLinejoin="round"
              data-series={series.key}
            />
          ))}
          {activeDay &&
            active !== null &&
            SERIES.map((series) => (
              <circle key={series.key} cx={xAt(active, days.length, box)} cy={yAt(activeDay[series.key], scale.ceiling, box)} r={3.5} fill={series.color} />
            ))}
        </svg>
        <p id={descriptionId} className="sr-only">
          {t('email.chart.keyboardHint')}
        </p>
        <div aria-live="polite" className="min-h-10 pt-2 text-sm text-slate-700" data-testid="analytics-active-day">
          {activeDay ? (
            <p className="flex flex-wrap gap-x-3 gap-y-1">
              <span className="font-semibold text-slate-900">{long.format(dayValue(activeDay))}</span>
              {SERIES.map((series) => (
                <span key={series.key} className="tabular-nums">
                  {t(series.label)}: {format.number(activeDay[series.key])}
                </span>
              ))}
              <span className="tabular-nums">
                {t('email.chart.opened')}: {format.number(activeDay.opened)}
              </span>
            </p>
          ) : (
            <p className="text-slate-600">{t('email.chart.hoverHint')}</p>
          )}
        </div>
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer rounded font-medium text-brand-700 hover:underline">{t('email.chart.showTable')}</summary>
        <div className="mt-3 max-h-80 overflow-auto" tabIndex={0} role="region" aria-label={t('email.chart.tableCaption')}>
          <table className="w-full min-w-[32rem] text-right text-sm tabular-nums" data-testid="analytics-table">
            <caption className="sr-only">{t('email.chart.tableCaption')}</caption>
            <thead className="sticky top-0 bg-white text-slate-600">
              <tr>
                <th scope="col" className="py-1.5 pr-3 text-left font-medium">{t('email.chart.day')}</th>
                {SERIES.map((series) => (
                  <th key={series.key} scope="col" className="py-1.5 pr-3 font-medium">{t(series.label)}</th>
                ))}
                <th scope="col" className="py-1.5 pr-3 font-medium">{t('email.chart.opened')}</th>
                <th scope="col" className="py-1.5 font-medium">{t('email.chart.clicked')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {days.map((day) => (
                <tr key={day.date}>
                  <th scope="row" className="py-1.5 pr-3 text-left font-normal text-slate-800">{long.format(dayValue(day))}</th>
                  {SERIES.map((series) => (
                    <td key={series.key} className="py-1.5 pr-3">{format.number(day[series.key])}</td>
                  ))}
                  <td className="py-1.5 pr-3">{format.number(day.opened)}</td>
                  <td className="py-1.5">{format.number(day.clicked)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
