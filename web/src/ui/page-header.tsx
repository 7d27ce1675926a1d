import type { ReactNode } from 'react';

interface PageHeaderProps {
  title: ReactNode;
  eyebrow?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  testId?: string;
}

/** The page's one h1; the shell moves focus here after each navigation. */
export function PageHeader({ title, eyebrow, description, actions, testId }: PageHeaderProps) {
  return (
    <header className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
      <div className="min-w-0">
        {eyebrow && <p className="text-sm font-medium text-brand-700">{eyebrow}</p>}
        <h1 data-testid={testId} tabIndex={-1} className="page-heading text-2xl font-semibold tracking-tight text-slate-900 outline-none sm:text-3xl">
          {title}
        </h1>
        {description && <p className="mt-1 text-sm text-slate-600 sm:text-base">{description}</p>}
      </div>
      {actions && <div className="flex shrink-0 flex-wrap gap-2">{actions}</div>}
    </header>
  );
}
