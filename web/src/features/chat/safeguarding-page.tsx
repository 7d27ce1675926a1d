import type { Role } from '@tec/shared/contracts';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import type { SafeguardingMessage } from '../../api/chat.api';
import { type MessageKey, t } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { useDocumentTitle } from '../../layout/use-document-title';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { ErrorState } from '../../ui/error-state';
import { CheckIcon, CloseIcon, InfoIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/page-header';
import { SkeletonList } from '../../ui/skeleton';
import { ClipIcon } from './chat-icon';
import { fileSize } from './chat-logic';
import { FilterTabs } from './filter-tabs';
import { QuotedMessage } from './quoted-message';
import { needsNarrowing, type SafeguardingPageParam, type SafeguardingView, searchFromView, viewFromSearch } from './safeguarding-logic';
import { type PickedPerson, SenderFilter } from './sender-filter';
import { useAttachmentDownload } from './use-attachment-download';
import { useSafeguarding } from './use-safeguarding';

/** Names that came with a link (the moderation queue) or a pick, so the filters read as words rather than ids. */
interface ViewLabels {
  conversationTitle?: string;
  senderName?: string;
}

type Scope = 'deleted' | 'all';

const personName = (person: { firstName: string; lastName: string }) => `${person.firstName} ${person.lastName}`;

/**
 * Admins: deleted messages kept for safeguarding (or every message) with their original text and attachment, who
 * sent them and when, and who deleted them and why. The filters live in the address bar.
 */
export function SafeguardingPage() {
  useDocumentTitle(t('chat.safeguarding.title'));
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const labels = (location.state ?? {}) as ViewLabels;
  const view = viewFromSearch(params);
  const review = useSafeguarding(view);
  const items = review.data?.pages.flatMap((page) => page.items) ?? [];
  const lastPage = review.data?.pages[review.data.pages.length - 1];
  const lastParam = review.data?.pageParams[review.data.pageParams.length - 1] as SafeguardingPageParam | undefined;
  const filtered = Boolean(view.conversationId || view.senderId);

  const show = (next: SafeguardingView, nextLabels: ViewLabels = labels) => setParams(searchFromView(next), { state: nextLabels });
  const pickSender = (person: PickedPerson) => show({ ...view, senderId: person.id }, { ...labels, senderName: personName(person) });
  // A sender's name is also on every message they sent, so a reloaded page still names them.
  const senderName = view.senderId ? (labels.senderName ?? (items[0] ? personName(items[0].sender) : t('chat.safeguarding.selectedSender'))) : undefined;

  return (
    <div className="space-y-4">
      <PageHeader
        title={t('chat.safeguarding.title')}
        description={t('chat.safeguarding.description')}
        testId="chat-safeguarding-heading"
        actions={
          <Link to="/messages/moderation" className="text-sm font-medium text-brand-700 hover:underline">
            {t('chat.safeguarding.toReports')}
          </Link>
        }
      />
      <Card>
        <div className="flex flex-col gap-4 lg:flex-row lg:items-end lg:justify-between">
          <div>
            <p className="mb-1.5 text-sm font-medium text-slate-800" aria-hidden="true">
              {t('chat.safeguarding.scope')}
            </p>
            <FilterTabs<Scope>
              label={t('chat.safeguarding.scope')}
              options={[
                { value: 'deleted', label: t('chat.safeguarding.scope.deleted') },
                { value: 'all', label: t('chat.safeguarding.scope.all') },
              ]}
              value={view.onlyDeleted ? 'deleted' : 'all'}
              onChange={(scope) => show({ ...view, onlyDeleted: scope === 'deleted' })}
              testId="safeguarding-scope"
            />
          </div>
          {!view.senderId && <SenderFilter onPick={pickSender} />}
        </div>
        {filtered && (
          <ul className="mt-4 flex flex-wrap gap-2" aria-label={t('chat.safeguarding.activeFilters')}>
            {view.conversationId && (
              <FilterChip
                label={t('chat.safeguarding.inConversation', { title: labels.conversationTitle || t('chat.safeguarding.selectedConversation') })}
                onClear={() => show({ ...view, conversationId: undefined }, { ...labels, conversationTitle: undefined })}
                testId="safeguarding-conversation-chip"
              />
            )}
            {senderName && (
              <FilterChip
                label={t('chat.safeguarding.fromSender', { name: senderName })}
                onClear={() => show({ ...view, senderId: undefined }, { ...labels, senderName: undefined })}
                testId="safeguarding-sender-chip"
              />
            )}
          </ul>
        )}
      </Card>

      {review.isPending ? (
        <SkeletonList rows={4} label={t('chat.safeguarding.loading')} />
      ) : review.isError ? (
        <ErrorState error={review.error} onRetry={() => void review.refetch()} retrying={review.isFetching} />
      ) : items.length === 0 ? (
        <Card>
          <EmptyState
            icon={<CheckIcon className="size-6" />}
            title={filtered ? t('chat.safeguarding.emptyFiltered') : view.onlyDeleted ? t('chat.safeguarding.empty') : t('chat.safeguarding.emptyAll')}
            action={filtered ? <Button variant="secondary" onClick={() => show({ onlyDeleted: view.onlyDeleted }, {})}>{t('chat.safeguarding.clearFilters')}</Button> : undefined}
            testId="safeguarding-empty"
          >
            {t('chat.safeguarding.emptyBody')}
          </EmptyState>
        </Card>
      ) : (
        <>
          <ul className="space-y-3" aria-label={t('chat.safeguarding.list')} aria-busy={review.isFetchingNextPage || undefined} data-testid="safeguarding-list">
            {items.map((message) => (
              <SafeguardingItem key={message.id} message={message} onSender={view.senderId ? undefined : () => pickSender(message.sender)} />
            ))}
          </ul>
          <div className="flex flex-col items-center gap-2 pb-2">
            {review.hasNextPage && (
              <Button variant="secondary" onClick={() => void review.fetchNextPage()} loading={review.isFetchingNextPage} data-testid="safeguarding-more">
                {t('chat.safeguarding.more')}
              </Button>
            )}
            {needsNarrowing(view, lastPage, lastParam) && (
              <p className="flex items-start gap-2 text-sm text-slate-600" data-testid="safeguarding-narrow">
                <InfoIcon className="mt-0.5 size-4 shrink-0" />
                {t('chat.safeguarding.narrow', { count: items.length })}
              </p>
            )}
          </div>
        </>
      )}
    </div>
  );
}

function FilterChip({ label, onClear, testId }: { label: string; onClear: () => void; testId: string }) {
  return (
    <li className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-1 pr-1 pl-3 text-sm text-brand-900 ring-1 ring-brand-200" data-testid={testId}>
      <span className="min-w-0 break-words">{label}</span>
      <button
        type="button"
        onClick={onClear}
        className="grid size-7 shrink-0 place-items-center rounded-full hover:bg-brand-100 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
        aria-label={t('chat.safeguarding.clearFilter', { filter: label })}
      >
        <CloseIcon className="size-4" aria-hidden="true" />
      </button>
    </li>
  );
}

function SafeguardingItem({ message, onSender }: { message: SafeguardingMessage; onSender?: () => void }) {
  const format = useFormat();
  const { download, downloading } = useAttachmentDownload();
  const deleted = message.deletedAt !== null;
  const role = (value: Role) => t(`role.${value}` as MessageKey);
  return (
    <li className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="safeguarding-item" data-message-id={message.id} data-deleted={deleted}>
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        <Badge tone={deleted ? 'danger' : 'neutral'}>{deleted ? t('chat.safeguarding.deleted') : t('chat.safeguarding.visible')}</Badge>
        <span className="font-medium text-slate-900">{personName(message.sender)}</span>
        <span className="text-slate-600">{role(message.sender.role)}</span>
        <time className="ml-auto text-xs text-slate-500" dateTime={message.createdAt}>
          {format.dateTime(message.createdAt)}
        </time>
      </div>
      <QuotedMessage
        className="mt-3"
        heading={
          <>
            {t('chat.safeguarding.original')}
            {message.editedAt && ` · ${t('chat.safeguarding.edited', { time: format.dateTime(message.editedAt) })}`}
          </>
        }
        body={message.body || (message.attachment ? '' : <span className="text-slate-500 italic">{t('chat.safeguarding.noText')}</span>)}
      >
        {message.attachment && (
          <button
            type="button"
            onClick={() => void download(message.attachment!)}
            disabled={downloading}
            className="mt-2 flex max-w-full items-center gap-2 text-left text-xs text-brand-800 underline disabled:opacity-60"
            data-testid="safeguarding-attachment"
          >
            <ClipIcon className="size-4 shrink-0" />
            <span className="break-all">{message.attachment.fileName}</span>
            <span className="shrink-0 no-underline opacity-80">({fileSize(message.attachment.sizeBytes)})</span>
            <span className="sr-only">{t('chat.attachment.download')}</span>
          </button>
        )}
      </QuotedMessage>
      {deleted && (
        <dl className="mt-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[9rem_1fr]">
          <dt className="text-slate-600">{t('chat.safeguarding.deletedBy')}</dt>
          <dd className="text-slate-900" data-testid="safeguarding-deleted-by">
            {message.deletedBy ? `${personName(message.deletedBy)} (${role(message.deletedBy.role)})` : t('chat.safeguarding.unknownPerson')}
            {message.deletedAt && (
              <>
                {' · '}
                <time className="whitespace-nowrap text-slate-600" dateTime={message.deletedAt}>
                  {format.dateTime(message.deletedAt)}
                </time>
              </>
            )}
          </dd>
          <dt className="text-slate-600">{t('chat.safeguarding.reason')}</dt>
          <dd className="break-words text-slate-900" data-testid="safeguarding-reason">
            {message.deleteReason || <span className="text-slate-500 italic">{t('chat.safeguarding.noReason')}</span>}
          </dd>
        </dl>
      )}
      {onSender && (
        <button type="button" onClick={onSender} className="mt-3 text-sm font-medium text-brand-700 hover:underline" data-testid="safeguarding-by-sender">
          {t('chat.safeguarding.bySender', { name: personName(message.sender) })}
        </button>
      )}
    </li>
  );
}
