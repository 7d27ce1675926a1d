import type { ReactNode } from 'react';
import { cx } from './class-names';

export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger' | 'brand';

// -100 backgrounds with -800 text: at least 7:1, so small badge text stays readable.
const tones: Record<BadgeTone, string> = {
  neutral: 'bg-slate-100 text-slate-800 ring-slate-200',
  info: 'bg-sky-100 text-sky-900 ring-sky-200',
  success: 'bg-emerald-100 text-emerald-900 ring-emerald-200',
  warning: 'bg-amber-100 text-amber-900 ring-amber-200',
  danger: 'bg-rose-100 text-rose-900 ring-rose-200',
  brand: 'bg-brand-100 text-brand-900 ring-brand-200',
};

export function Badge({ tone = 'neutral', children, className }: { tone?: BadgeTone; children: ReactNode; className?: string }) {
  return (
    <span className={cx('inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset', tones[tone], className)}>
      {children}
    </span>
  );
}
