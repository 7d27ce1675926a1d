import { type ReactNode, useId } from 'react';
import { cx } from './class-names';

interface CardProps {
  title?: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
  children: ReactNode;
  className?: string;
  /** Lets tests and the page find a section without depending on its (translated) title. */
  testId?: string;
}

/** A titled section; the title labels the landmark so screen-reader users can jump between cards. */
export function Card({ title, description, action, children, className, testId }: CardProps) {
  const headingId = useId();
  return (
    <section
      aria-labelledby={title ? headingId : undefined}
      data-testid={testId}
      className={cx('rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5', className)}
    >
      {(title || action) && (
        <div className="mb-4 flex items-start justify-between gap-3">
          <div className="min-w-0">
            {title && (
              <h2 id={headingId} className="text-base font-semibold text-slate-900">
                {title}
              </h2>
            )}
            {description && <p className="mt-0.5 text-sm text-slate-600">{description}</p>}
          </div>
          {action && <div className="-my-1.5 shrink-0">{action}</div>}
        </div>
      )}
      {children}
    </section>
  );
}
