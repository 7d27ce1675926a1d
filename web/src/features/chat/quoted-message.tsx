import type { ReactNode } from 'react';
import { cx } from '../../ui/class-names';

/**
 * A message quoted for review (moderation queue, safeguarding review): who wrote it and when above the text as it
 * was, deleted or not. `children` may add what goes with the text (an attachment).
 */
export function QuotedMessage({ heading, body, children, className }: { heading: ReactNode; body: ReactNode; children?: ReactNode; className?: string }) {
  return (
    <blockquote className={cx('rounded-lg bg-slate-50 p-3 text-sm whitespace-pre-wrap text-slate-900', className)}>
      <p className="mb-1 text-xs font-medium text-slate-600">{heading}</p>
      {body && <div className="break-words" data-testid="quoted-message-body">{body}</div>}
      {children}
    </blockquote>
  );
}
