import { cx } from './class-names';

interface ProgressBarProps {
  value: number;
  max: number;
  label: string;
  /** Spoken and shown, e.g. "120 of 300 rows". */
  valueText: string;
  tone?: 'brand' | 'danger' | 'success';
}

const fills = { brand: 'bg-brand-600', danger: 'bg-rose-600', success: 'bg-emerald-600' } as const;

export function ProgressBar({ value, max, label, valueText, tone = 'brand' }: ProgressBarProps) {
  const safeMax = Math.max(max, 1);
  const percent = Math.min(100, Math.round((value / safeMax) * 100));
  return (
    <div>
      <div className="mb-1.5 flex items-baseline justify-between gap-3 text-sm">
        <span className="font-medium text-slate-800">{label}</span>
        <span className="text-slate-600 tabular-nums">{valueText}</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={safeMax}
        aria-valuenow={Math.min(value, safeMax)}
        aria-valuetext={valueText}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className={cx('h-full rounded-full transition-[width] duration-500', fills[tone])} style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
