import { useState } from 'react';
import { t } from '../../../i18n';
import { useFormat } from '../../../i18n/use-format';
import { Button } from '../../../ui/button';
import { barWidth, percentTone, type Tone } from '../shared/portal-logic';

export interface PercentRow {
  id: string;
  label: string;
  sublabel?: string;
  percent: number | null;
}

const WIDTH = 200;
const FILL: Record<Tone, string> = { success: '#047857', warning: '#b45309', danger: '#be123c', neutral: '#94a3b8' };

/**
 * One horizontal bar per course (0–100 %) with the parent's threshold as a dashed line, drawn in SVG; the same
 * numbers as a table one click away (and always for screen readers, which get the table's caption and cells).
 */
export function PercentBarChart({ rows, threshold, title, testId }: { rows: PercentRow[]; threshold: number; title: string; testId: string }) {
  const format = useFormat();
  const [table, setTable] = useState(false);
  const value = (row: PercentRow) => (row.percent === null ? t('parentPortal.noData') : format.percent(row.percent / 100));
  const summary = rows.map((row) => `${row.label}: ${value(row)}`).join('; ');

  return (
    <div data-testid={testId}>
      {table ? (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{title}</caption>
          <thead className="text-xs text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-3">{t('parentPortal.child.course')}</th>
              <th scope="col" className="py-2">{t('parentPortal.child.percent')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 tabular-nums">
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row" className="py-2 pr-3 font-medium">{row.label}</th>
                <td className="py-2">{value(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        // Names and values are HTML (they wrap and stay legible on a phone); each bar and the threshold mark are SVG.
        <ul role="img" aria-label={`${title}: ${summary}`} className="space-y-3">
          {rows.map((row) => {
            const tone = percentTone(row.percent, threshold);
            return (
              <li key={row.id} aria-hidden="true">
                <div className="flex items-baseline justify-between gap-3 text-sm">
                  <span className="min-w-0 font-medium text-slate-900">{row.label}</span>
                  <span className={`shrink-0 tabular-nums ${tone === 'danger' ? 'font-semibold text-rose-800' : 'text-slate-700'}`}>{value(row)}</span>
                </div>
                <svg viewBox={`0 0 ${WIDTH} 14`} preserveAspectRatio="none" className="mt-1 block h-3.5 w-full">
                  <rect x={0} y={2} width={WIDTH} height={10} rx={5} fill="#f1f5f9" />
                  <rect x={0} y={2} width={barWidth(row.percent, WIDTH)} height={10} rx={5} fill={FILL[tone]} />
                  <line x1={barWidth(threshold, WIDTH)} x2={barWidth(threshold, WIDTH)} y1={0} y2={14} stroke="#0f172a" strokeWidth={1.5} strokeDasharray="3 2" vectorEffect="non-scaling-stroke" />
                </svg>
              </li>
            );
          })}
        </ul>
      )}
      <div className="mt-2 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600">
        <span>{t('parentPortal.child.thresholdLegend', { threshold })}</span>
        <Button variant="ghost" size="sm" onClick={() => setTable((shown) => !shown)} aria-pressed={table}>
          {table ? t('reports.showChart') : t('reports.showTable')}
        </Button>
      </div>
    </div>
  );
}
