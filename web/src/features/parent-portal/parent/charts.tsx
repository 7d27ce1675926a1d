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

const FILL: Record<Tone, string> = { success: '#047857', warning: '#b45309', danger: '#be123c', neutral: '#94a3b8' };

/**
 * One horizontal bar per course (0–100 %) with the parent's threshold as a dashed line, drawn in SVG; the same
 * numbers as a table one click away (and always for screen readers, which get the table's caption and cells).
 */
export function PercentBarChart({ rows, threshold, title, testId }: { rows: PercentRow[]; threshold: number; title: string; testId: string }) {
  const format = useFormat();
  const [table, setTable] = useState(false);
  const width = 600;
  const labelW = 0;
  const rowH = 44;
  const plotW = width - labelW - 56;
  const height = rows.length * rowH + 20;
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
        <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-label={`${title}: ${summary}`}>
          {rows.map((row, index) => {
            const top = index * rowH;
            const tone = percentTone(row.percent, threshold);
            return (
              <g key={row.id}>
                <text x={0} y={top + 13} fontSize="13" fill="#0f172a" fontWeight={600}>
                  {row.label.length > 60 ? `${row.label.slice(0, 58)}…` : row.label}
                </text>
                <rect x={labelW} y={top + 20} width={plotW} height={14} rx={7} fill="#f1f5f9" />
                <rect x={labelW} y={top + 20} width={barWidth(row.percent, plotW)} height={14} rx={7} fill={FILL[tone]} />
                <text x={width} y={top + 32} fontSize="13" textAnchor="end" fill="#0f172a" className="tabular-nums">
                  {value(row)}
                </text>
              </g>
            );
          })}
          <line
            x1={labelW + barWidth(threshold, plotW)}
            x2={labelW + barWidth(threshold, plotW)}
            y1={16}
            y2={height - 6}
            stroke="#0f172a"
            strokeDasharray="3 3"
            strokeWidth={1.5}
          />
        </svg>
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
