import { EMAIL_STATUSES } from '@tec/shared/contracts';
import { Link } from 'react-router-dom';
import type { DeliveryView, EmailStatus } from '../../api/email.api';
import { t, tn } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { ErrorState } from '../../ui/error-state';
import { SelectField, TextField } from '../../ui/field';
import { InboxIcon } from '../../ui/icons';
import { SkeletonList } from '../../ui/skeleton';
import { Spinner } from '../../ui/spinner';
import { useDebouncedValue } from '../admin-users/use-debounced-value';
import { EmailStatusBadge, statusLabel } from './email-status-badge';
import { useDeliveries } from './use-deliveries';

interface DeliveriesPanelProps {
  search: string;
  status: EmailStatus | '';
  onChange: (next: { search: string; status: EmailStatus | '' }) => void;
}

/** The delivery log: search by address or subject, filter by status; newest first, paged by cursor. */
export function DeliveriesPanel({ search, status, onChange }: DeliveriesPanelProps) {
  const debounced = useDebouncedValue(search.trim(), 300);
  const deliveries = useDeliveries(debounced, status);
  const items = deliveries.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = debounced !== '' || status !== '';

  return (
    <Card title={t('email.deliveries.title')} description={t('email.deliveries.hint')} testId="deliveries">
      <form role="search" className="mb-4 grid gap-3 sm:grid-cols-[1fr_14rem]" onSubmit={(event) => event.preventDefault()}>
        <TextField
          type="search"
          label={t('email.deliveries.search')}
          placeholder={t('email.deliveries.searchPlaceholder')}
          value={search}
          onChange={(event) => onChange({ search: event.target.value, status })}
          data-testid="deliveries-search"
        />
        <SelectField label={t('email.deliveries.status')} value={status} onChange={(event) => onChange({ search, status: event.target.value as EmailStatus | '' })} data-testid="deliveries-status">
          <option value="">{t('email.deliveries.anyStatus')}</option>
          {EMAIL_STATUSES.map((value) => (
            <option key={value} value={value}>
              {statusLabel(value)}
            </option>
          ))}
        </SelectField>
      </form>
      <div className="mb-2 flex min-h-6 items-center gap-2 text-sm text-slate-600" aria-live="polite">
        {deliveries.isFetching && !deliveries.isFetchingNextPage && <Spinner className="size-4 text-brand-700" />}
        {deliveries.data && items.length > 0 && tn('email.deliveries.shown', items.length)}
      </div>
      {deliveries.isPending ? (
        <SkeletonList rows={5} />
      ) : deliveries.isError && !deliveries.data ? (
        <ErrorState error={deliveries.error} onRetry={() => void deliveries.refetch()} retrying={deliveries.isFetching} />
      ) : items.length === 0 ? (
        <EmptyState icon={<InboxIcon />} title={filtered ? t('email.deliveries.noMatch') : t('email.deliveries.empty')} testId="deliveries-empty">
          {filtered ? t('email.deliveries.noMatchBody') : t('email.deliveries.emptyBody')}
        </EmptyState>
      ) : (
        <>
          <ul className="divide-y divide-slate-100" data-testid="deliveries-list">
            {items.map((delivery) => (
              <DeliveryRow key={delivery.id} delivery={delivery} />
            ))}
          </ul>
          {deliveries.isFetchNextPageError && <ErrorState className="mt-4" error={deliveries.error} compact />}
          {deliveries.hasNextPage && (
            <div className="mt-4 flex justify-center">
              <Button variant="secondary" onClick={() => void deliveries.fetchNextPage()} loading={deliveries.isFetchingNextPage}>
                {t('email.deliveries.loadMore')}
              </Button>
            </div>
          )}
        </>
      )}
    </Card>
  );
}

function DeliveryRow({ delivery }: { delivery: DeliveryView }) {
  const format = useFormat();
  return (
    <li className="relative flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:gap-4" data-testid="delivery-row">
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium text-slate-900">
          <Link to={`/admin/email/deliveries/${delivery.id}`} className="rounded outline-none after:absolute after:inset-0 hover:underline focus-visible:ring-2 focus-visible:ring-brand-600">
            {delivery.subject || delivery.templateName}
          </Link>
        </p>
        <p className="truncate text-xs text-slate-600">
          {delivery.recipientEmail} · <span className="font-mono">{delivery.templateName}</span>
        </p>
        {delivery.errorMessage && <p className="mt-0.5 line-clamp-1 text-xs text-rose-800">{delivery.errorMessage}</p>}
      </div>
      <div className="flex items-center gap-3 text-xs text-slate-600 sm:flex-col sm:items-end sm:gap-1">
        <EmailStatusBadge status={delivery.status} />
        <time dateTime={delivery.queuedAt} title={format.dateTime(delivery.queuedAt)}>
          {format.relative(delivery.queuedAt)}
        </time>
      </div>
    </li>
  );
}
