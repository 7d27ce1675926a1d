import { t } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { ErrorState } from '../../ui/error-state';
import { Skeleton } from '../../ui/skeleton';
import { useQueueStats } from './use-queue-stats';

/** Pending, sent today, failed today and the 24-hour success rate; refreshed every 15 s. */
export function QueueStatsTiles() {
  const stats = useQueueStats();
  const format = useFormat();
  if (stats.isPending) {
    return (
      <div role="status" aria-live="polite" className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <span className="sr-only">{t('common.loading')}</span>
        {[0, 1, 2, 3].map((index) => (
          <Skeleton key={index} className="h-24 rounded-xl" />
        ))}
      </div>
    );
  }
  if (stats.isError) return <ErrorState error={stats.error} onRetry={() => void stats.refetch()} retrying={stats.isFetching} />;
  const data = stats.data;
  const tiles = [
    {
      id: 'pending',
      label: t('email.stats.pending'),
      value: format.number(data.pending),
      hint: data.retrying > 0 ? t('email.stats.retrying', { count: format.number(data.retrying) }) : data.oldestPendingAt ? t('email.stats.oldest', { when: format.relative(data.oldestPendingAt) }) : t('email.stats.queueEmpty'),
    },
    { id: 'sent-today', label: t('email.stats.sentToday'), value: format.number(data.sentToday), hint: t('email.stats.todayHint') },
    { id: 'failed', label: t('email.stats.failed'), value: format.number(data.failedToday), hint: t('email.stats.todayHint'), alert: data.failedToday > 0 },
    {
      id: 'success-rate',
      label: t('email.stats.successRate'),
      value: data.successRate === null ? '—' : format.percent(data.successRate / 100),
      hint: data.successRate === null ? t('email.stats.noneSent') : t('email.stats.successHint'),
    },
  ];
  return (
    <ul className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="queue-stats">
      {tiles.map((tile) => (
        <li key={tile.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid={`queue-stat-${tile.id}`}>
          <p className="text-sm font-medium text-slate-600">{tile.label}</p>
          <p className={`mt-1 text-2xl font-semibold tabular-nums ${tile.alert ? 'text-rose-700' : 'text-slate-900'}`}>{tile.value}</p>
          <p className="mt-1 text-xs text-slate-600">{tile.hint}</p>
        </li>
      ))}
    </ul>
  );
}
