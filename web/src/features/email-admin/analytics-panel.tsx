import { t } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { Card } from '../../ui/card';
import { ErrorState } from '../../ui/error-state';
import { Skeleton } from '../../ui/skeleton';
import { AnalyticsChart } from './analytics-chart';
import { ANALYTICS_DAYS, useEmailAnalytics } from './use-email-analytics';

export function AnalyticsPanel() {
  const analytics = useEmailAnalytics();
  const format = useFormat();
  const rate = (value: number | null) => (value === null ? '—' : format.percent(value / 100));
  return (
    <>
      <Card title={t('email.chart.title', { days: ANALYTICS_DAYS })} description={t('email.chart.hint')} testId="analytics">
        {analytics.isPending ? (
          <div role="status" aria-live="polite">
            <span className="sr-only">{t('common.loading')}</span>
            <Skeleton className="h-64 w-full" />
          </div>
        ) : analytics.isError ? (
          <ErrorState error={analytics.error} onRetry={() => void analytics.refetch()} retrying={analytics.isFetching} />
        ) : (
          <AnalyticsChart analytics={analytics.data} />
        )}
      </Card>
      <Card title={t('email.rates.title')} description={t('email.rates.hint', { days: ANALYTICS_DAYS })} testId="template-rates">
        {analytics.isPending ? (
          <Skeleton className="h-32 w-full" />
        ) : analytics.isError ? null : analytics.data.templates.length === 0 ? (
          <p className="text-sm text-slate-600">{t('email.rates.empty')}</p>
        ) : (
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t('email.rates.title')}>
            <table className="w-full min-w-[36rem] text-right text-sm tabular-nums">
              <caption className="sr-only">{t('email.rates.title')}</caption>
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-3 text-left font-medium">{t('email.rates.template')}</th>
                  <th scope="col" className="py-2 pr-3 font-medium">{t('email.chart.sent')}</th>
                  <th scope="col" className="py-2 pr-3 font-medium">{t('email.rates.delivery')}</th>
                  <th scope="col" className="py-2 pr-3 font-medium">{t('email.rates.bounce')}</th>
                  <th scope="col" className="py-2 pr-3 font-medium">{t('email.rates.open')}</th>
                  <th scope="col" className="py-2 font-medium">{t('email.rates.click')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {analytics.data.templates.map((row) => (
                  <tr key={row.templateName}>
                    <th scope="row" className="py-2 pr-3 text-left font-mono text-xs font-medium text-slate-900">{row.templateName}</th>
                    <td className="py-2 pr-3">{format.number(row.sent)}</td>
                    <td className="py-2 pr-3">{rate(row.deliveryRate)}</td>
                    <td className="py-2 pr-3">{rate(row.bounceRate)}</td>
                    <td className="py-2 pr-3">
                      <RateBar value={row.openRate} label={rate(row.openRate)} />
                    </td>
                    <td className="py-2">
                      <RateBar value={row.clickRate} label={rate(row.clickRate)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}

/** The number, with a thin bar beside it (decorative: the number is the value). */
function RateBar({ value, label }: { value: number | null; label: string }) {
  return (
    <span className="inline-flex items-center justify-end gap-2">
      <span className="hidden h-1.5 w-16 overflow-hidden rounded-full bg-slate-100 sm:block" aria-hidden="true">
        <span className="block h-full rounded-full bg-brand-600" style={{ width: `${Math.min(100, Math.max(0, value ?? 0))}%` }} />
      </span>
      {label}
    </span>
  );
}
