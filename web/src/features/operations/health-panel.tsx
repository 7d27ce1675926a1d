import { useState } from 'react';
import { t } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { ErrorState } from '../../ui/error-state';
import { RefreshIcon } from '../../ui/icons';
import { Skeleton } from '../../ui/skeleton';
import { HealthStatusBadge } from './health-status-badge';
import { serviceEntries, statusLabelKey } from './operations-view';
import { ServiceHealthCard } from './service-health-card';
import { useSystemHealth } from './use-system-health';

export function HealthPanel() {
  const health = useSystemHealth();
  const format = useFormat();
  // Only a refresh the admin asked for spins the button; the 15 s poll updates quietly.
  const [refreshing, setRefreshing] = useState(false);
  const report = health.data;

  function refresh() {
    setRefreshing(true);
    void health.refetch().finally(() => setRefreshing(false));
  }

  const overallKey = report ? statusLabelKey(report.status) : undefined;
  const overallLabel = overallKey ? t(overallKey) : (report?.status ?? '');
  const services = serviceEntries(report);

  return (
    <Card
      title={t('operations.health.title')}
      description={t('operations.health.hint')}
      testId="operations-health"
      action={
        <Button variant="secondary" size="sm" icon={<RefreshIcon className="size-4" />} loading={refreshing} onClick={refresh} data-testid="health-refresh">
          {t('operations.health.refresh')}
        </Button>
      }
    >
      {/* Announces a change of the overall status, not every poll. */}
      <p className="sr-only" aria-live="polite">
        {report ? t('operations.health.overallAnnouncement', { status: overallLabel }) : ''}
      </p>
      {health.isPending ? (
        <HealthSkeleton />
      ) : !report ? (
        <ErrorState error={health.error} onRetry={refresh} retrying={refreshing} />
      ) : (
        <>
          {health.isError && <ErrorState className="mb-4" error={health.error} compact />}
          <div className="mb-4 flex flex-col gap-3 rounded-lg bg-slate-50 p-3 sm:flex-row sm:flex-wrap sm:items-center sm:gap-x-6">
            <p className="flex items-center gap-2 text-sm font-medium text-slate-800">
              {t('operations.health.overall')}
              <HealthStatusBadge status={report.status} className="text-sm" />
            </p>
            {report.gateway && (
              <p className="flex items-center gap-2 text-sm text-slate-700">
                {t('operations.health.gatewayNats')}
                <HealthStatusBadge status={report.gateway.nats.status} />
                <span className="text-xs text-slate-600 tabular-nums">{format.milliseconds(report.gateway.nats.latencyMs)}</span>
              </p>
            )}
            <p className="text-sm text-slate-600 tabular-nums sm:ml-auto">
              <time dateTime={report.checkedAt}>{t('operations.health.lastChecked', { time: format.clock(report.checkedAt) })}</time>
            </p>
          </div>
          {services.length === 0 ? (
            <p className="text-sm text-slate-600">{t('operations.health.noServices')}</p>
          ) : (
            <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {services.map(([name, entry]) => (
                <ServiceHealthCard key={name} name={name} entry={entry} />
              ))}
            </ul>
          )}
        </>
      )}
    </Card>
  );
}

function HealthSkeleton() {
  return (
    <div role="status" aria-live="polite">
      <span className="sr-only">{t('common.loading')}</span>
      <Skeleton className="mb-4 h-12 w-full" />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {[0, 1, 2].map((index) => (
          <div key={index} className="space-y-3 rounded-lg border border-slate-200 p-4">
            <Skeleton className="h-4 w-1/3" />
            <Skeleton className="h-3 w-2/3" />
            <Skeleton className="h-3 w-1/2" />
            <Skeleton className="h-3 w-3/5" />
          </div>
        ))}
      </div>
    </div>
  );
}
