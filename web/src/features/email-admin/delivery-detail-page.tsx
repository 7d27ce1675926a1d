import { useParams } from 'react-router-dom';
import type { DeliveryDetail } from '../../api/email.api';
import { t } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { useDocumentTitle } from '../../layout/use-document-title';
import { Button, ButtonLink } from '../../ui/button';
import { Card } from '../../ui/card';
import { cx } from '../../ui/class-names';
import { ErrorState } from '../../ui/error-state';
import { RefreshIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/page-header';
import { SkeletonList } from '../../ui/skeleton';
import { useToast } from '../../ui/toast';
import { canRetry, entryReason, orderTimeline, stepTone } from './delivery-timeline';
import { EmailStatusBadge, StepBadge } from './email-status-badge';
import { useDelivery } from './use-delivery';
import { useRetryDelivery } from './use-retry-delivery';

export function DeliveryDetailPage() {
  const { deliveryId = '' } = useParams();
  const delivery = useDelivery(deliveryId);
  useDocumentTitle(t('email.delivery.title'));
  return (
    <>
      <PageHeader
        eyebrow={t('email.title')}
        title={t('email.delivery.title')}
        testId="delivery-heading"
        actions={<ButtonLink to="/admin/email?tab=deliveries">{t('email.delivery.back')}</ButtonLink>}
      />
      {delivery.isPending ? (
        <SkeletonList rows={5} />
      ) : delivery.isError ? (
        <ErrorState error={delivery.error} onRetry={() => void delivery.refetch()} retrying={delivery.isFetching} />
      ) : (
        <DeliveryBody delivery={delivery.data} />
      )}
    </>
  );
}

function DeliveryBody({ delivery }: { delivery: DeliveryDetail }) {
  const format = useFormat();
  const retry = useRetryDelivery();
  const toast = useToast();
  const timeline = orderTimeline(delivery.timeline);

  function onRetry() {
    retry.mutate(delivery.id, { onSuccess: () => toast.show({ kind: 'success', message: t('email.delivery.retried', { email: delivery.recipientEmail }) }) });
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <Card title={t('email.delivery.timeline')} testId="delivery-timeline">
        {timeline.length === 0 ? (
          <p className="text-sm text-slate-600">{t('email.delivery.noTimeline')}</p>
        ) : (
          <ol className="relative space-y-4 border-l-2 border-slate-200 pl-5">
            {timeline.map((entry, index) => {
              const reason = entryReason(entry.detail);
              const tone = stepTone(entry.type);
              return (
                <li key={`${entry.type}-${entry.at}-${index}`} className="relative" data-testid="timeline-entry" data-type={entry.type}>
                  <span
                    className={cx(
                      'absolute top-1 -left-[1.69rem] size-3 rounded-full ring-4 ring-white',
                      tone === 'danger' ? 'bg-rose-600' : tone === 'success' ? 'bg-emerald-600' : tone === 'warning' ? 'bg-amber-500' : 'bg-slate-400',
                    )}
                    aria-hidden="true"
                  />
                  <div className="flex flex-wrap items-center gap-2">
                    <StepBadge type={entry.type} />
                    <time dateTime={entry.at} className="text-xs text-slate-600 tabular-nums">
                      {format.date(entry.at)} · {format.clock(entry.at)}
                    </time>
                  </div>
                  {reason && <p className={cx('mt-1 text-sm break-words', tone === 'danger' ? 'text-rose-800' : 'text-slate-700')}>{reason}</p>}
                  {entry.detail && Object.keys(entry.detail).length > 0 && (
                    <details className="mt-1 text-xs">
                      <summary className="cursor-pointer text-slate-600 hover:text-slate-900">{t('email.delivery.detail')}</summary>
                      <pre className="mt-1 max-h-48 overflow-auto rounded-lg bg-slate-900 p-2 font-mono text-slate-100">{JSON.stringify(entry.detail, null, 2)}</pre>
                    </details>
                  )}
                </li>
              );
            })}
          </ol>
        )}
      </Card>
      <Card title={t('email.delivery.summary')} testId="delivery-summary">
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-2 text-sm">
          <dt className="text-slate-600">{t('email.delivery.status')}</dt>
          <dd data-testid="delivery-status" data-status={delivery.status}>
            <EmailStatusBadge status={delivery.status} />
          </dd>
          <dt className="text-slate-600">{t('email.delivery.to')}</dt>
          <dd className="break-all text-slate-900">{delivery.recipientEmail}</dd>
          <dt className="text-slate-600">{t('email.delivery.subject')}</dt>
          <dd className="break-words text-slate-900">{delivery.subject}</dd>
          <dt className="text-slate-600">{t('email.delivery.template')}</dt>
          <dd className="font-mono text-xs text-slate-900">{delivery.templateName}</dd>
          <dt className="text-slate-600">{t('email.delivery.attempts')}</dt>
          <dd className="tabular-nums text-slate-900">{delivery.attempts}</dd>
          <dt className="text-slate-600">{t('email.delivery.queuedAt')}</dt>
          <dd className="text-slate-900">{format.dateTime(delivery.queuedAt)}</dd>
          {delivery.nextAttemptAt && (
            <>
              <dt className="text-slate-600">{t('email.delivery.nextAttempt')}</dt>
              <dd className="text-slate-900">{format.relative(delivery.nextAttemptAt)}</dd>
            </>
          )}
          {delivery.eventSubject && (
            <>
              <dt className="text-slate-600">{t('email.delivery.event')}</dt>
              <dd className="font-mono text-xs break-all text-slate-900">{delivery.eventSubject}</dd>
            </>
          )}
          {(delivery.errorCode || delivery.errorMessage) && (
            <>
              <dt className="text-slate-600">{t('email.delivery.error')}</dt>
              <dd className="break-words text-rose-800" data-testid="delivery-error">
                {[delivery.errorCode, delivery.errorMessage].filter(Boolean).join(' — ')}
              </dd>
            </>
          )}
        </dl>
        {canRetry(delivery.status) && (
          <div className="mt-4 border-t border-slate-100 pt-4">
            <p className="mb-2 text-sm text-slate-600">{t('email.delivery.retryHint')}</p>
            <Button onClick={onRetry} loading={retry.isPending} icon={<RefreshIcon className="size-4" />} data-testid="delivery-retry">
              {t('email.delivery.retry')}
            </Button>
            {retry.isError && <ErrorState className="mt-3" error={retry.error} compact />}
          </div>
        )}
      </Card>
    </div>
  );
}
