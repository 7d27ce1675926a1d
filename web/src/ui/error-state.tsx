import { isApiError } from '../api/api-error';
import { errorTitle } from '../i18n/error-messages';
import { t } from '../i18n';
import { Button } from './button';
import { cx } from './class-names';
import { AlertIcon } from './icons';

interface ErrorStateProps {
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
  className?: string;
  compact?: boolean;
}

/** What went wrong, in words, plus the correlation id a support person can search the logs for. */
export function ErrorState({ error, onRetry, retrying, className, compact = false }: ErrorStateProps) {
  const apiError = isApiError(error) ? error : null;
  return (
    <div role="alert" className={cx('rounded-lg border border-rose-200 bg-rose-50 text-rose-900', compact ? 'p-3' : 'p-4', className)}>
      <div className="flex gap-3">
        <AlertIcon className="mt-0.5 size-5 shrink-0 text-rose-700" />
        <div className="min-w-0 flex-1">
          <p className="font-semibold">{apiError ? errorTitle(apiError.code) : t('errors.unexpected')}</p>
          {apiError && <p className="mt-1 text-sm break-words">{apiError.message}</p>}
          {apiError?.correlationId && (
            <p className="mt-2 text-xs text-rose-800">
              {t('errors.reference')} <code className="rounded bg-white/70 px-1 py-0.5 font-mono select-all">{apiError.correlationId}</code>
            </p>
          )}
          {onRetry && (
            <Button variant="secondary" size="sm" className="mt-3" onClick={onRetry} loading={retrying}>
              {t('common.retry')}
            </Button>
          )}
        </div>
      </div>
    </div>
  );
}
