import type { ReactNode } from 'react';
import { cx } from './class-names';

interface EmptyStateProps {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  className?: string;
  testId?: string;
}

export function EmptyState({ icon, title, children, action, className, testId }: EmptyStateProps) {
  return (
    <div data-testid={testId} className={cx('flex flex-col items-center rounded-lg px-4 py-8 text-center', className)}>
      {icon && <div className="mb-3 rounded-full bg-brand-50 p-3 text-brand-700">{icon}</div>}
      <p className="text-sm font-semibold text-slate-900">{title}</p>
      {children && <div className="mt-1 max-w-md text-sm text-slate-600">{children}</div>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}
