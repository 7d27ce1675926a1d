import type { Role } from '@tec/shared/contracts';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import type { SafeguardingConversation, SafeguardingMessage } from '../../api/chat.api';
import { type MessageKey, t } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { useDocumentTitle } from '../../layout/use-document-title';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { ErrorState } from '../../ui/error-state';
import { SelectField, TextField } from '../../ui/field';
import { CheckIcon, CloseIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/page-header';
import { SkeletonList } from '../../ui/skeleton';
import { ClipIcon } from './chat-icon';
import { fileSize } from './chat-logic';
import { FilterTabs } from './filter-tabs';
import { QuotedMessage } from './quoted-message';
import { useCourses } from '../courses/use-courses';
import { isFiltered, type SafeguardingView, searchFromView, viewFromSearch } from './safeguarding-logic';
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
 * Admins: deleted messages kept for safeguarding (or every message) across every conversation, with their original
 * text and attachment, where and by whom they were sent, and who deleted them and why. The filters live in the
 * address bar; "Load older messages" follows the API's cursor.
 */
export function SafeguardingPage() {
  useDocumentTitle(t('chat.safeguarding.title'));
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const labels = (location.state ?? {}) as ViewLabels;
  const view = viewFromSearch(params);
  const review = useSafeguarding(view);
  const items = review.data?.pages.flatMap((page) => page.items) ?? [];
  const pageCount = review.data?.pages.length ?? 0;
  const filtered = isFiltered(view);

  const show = (next: SafeguardingView, nextLabels: ViewLabels = labels, replace = false) => setParams(searchFromView(next), { state: nextLabels, replace });
  const pickSender = (person: PickedPerson) => show({ ...view, senderId: person.id }, { ...labels, senderName: personName(person) });
  const pickConversation = (conversation: SafeguardingConversation) => show({ ...view, conversationId: conversation.id }, { ...labels, conversationTitle: conversation.title });
  // A sender's name (a conversation's title) is also on every message of the filtered list, so a reloaded page still names them.
  const senderName = view.senderId ? (labels.senderName ?? (items[0] ? personName(items[0].sender) : t('chat.safeguarding.selectedSender'))) : undefined;
  const conversationTitle = labels.conversationTitle || items[0]?.conversation.title || t('chat.safeguarding.selectedConversation');

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
        <CourseAndDates view={view} onChange={(next) => show(next, labels, true)} />
        {(view.conversationId || senderName) && (
          <ul className="mt-4 flex flex-wrap gap-2" aria-label={t('chat.safeguarding.activeFilters')}>
            {view.conversationId && (
              <FilterChip
                label={t('chat.safeguarding.inConversation', { title: conversationTitle })}
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
      ) : review.isError && !review.isFetchNextPageError ? (
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
              <SafeguardingItem
                key={message.id}
                message={message}
                onSender={view.senderId ? undefined : () => pickSender(message.sender)}
                onConversation={view.conversationId ? undefined : () => pickConversation(message.conversation)}
              />
            ))}
          </ul>
          <div className="flex flex-col items-center gap-2 pb-2">
            {review.isFetchNextPageError ? (
              <ErrorState compact className="w-full" error={review.error} onRetry={() => void review.fetchNextPage()} retrying={review.isFetchingNextPage} />
            ) : review.hasNextPage ? (
              <Button variant="secondary" onClick={() => void review.fetchNextPage()} loading={review.isFetchingNextPage} data-testid="safeguarding-more">
                {t('chat.safeguarding.more')}
              </Button>
            ) : (
              pageCount > 1 && (
                <p className="text-sm text-slate-600" data-testid="safeguarding-end">
                  {t('chat.safeguarding.end')}
                </p>
              )
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

/** The course and the days the messages were sent (both included), kept in the address bar like the other filters. */
function CourseAndDates({ view, onChange }: { view: SafeguardingView; onChange: (next: SafeguardingView) => void }) {
  const courses = useCourses();
  const known = courses.data ?? [];
  // A course from a link that is not in the list (yet) still shows as chosen.
  const unlisted = view.courseId && !known.some((course) => course.id === view.courseId);
  return (
    <div className="mt-4 grid gap-3 sm:grid-cols-3">
      <SelectField
        label={t('chat.safeguarding.course')}
        value={view.courseId ?? ''}
        onChange={(event) => onChange({ ...view, courseId: event.target.value || undefined })}
        disabled={courses.isPending}
        hint={courses.isError ? t('chat.safeguarding.coursesError') : undefined}
        data-testid="safeguarding-course"
      >
        <option value="">{courses.isPending ? t('chat.safeguarding.coursesLoading') : t('chat.safeguarding.allCourses')}</option>
        {unlisted && <option value={view.courseId}>{view.courseId}</option>}
        {known.map((course) => (
          <option key={course.id} value={course.id}>
            {course.code} · {course.title}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('chat.safeguarding.from')}
        type="date"
        value={view.from ?? ''}
        max={view.to}
        onChange={(event) => onChange({ ...view, from: event.target.value || undefined })}
        hint={t('chat.safeguarding.datesHint')}
        data-testid="safeguarding-from"
      />
      <TextField
        label={t('chat.safeguarding.to')}
        type="date"
        value={view.to ?? ''}
        min={view.from}
        onChange={(event) => onChange({ ...view, to: event.target.value || undefined })}
        data-testid="safeguarding-to"
      />
    </div>
  );
}

/** Where a message was sent: a link when the admin is in the conversation (chat opens it), else its name; and its course. */
function ConversationLine({ conversation }: { conversation: SafeguardingConversation }) {
  return (
    <p className="mt-1 text-sm break-words text-slate-600" data-testid="safeguarding-conversation" data-conversation-id={conversation.id}>
      {t('chat.safeguarding.sentIn')}{' '}
      {conversation.viewerIsMember ? (
        <Link
          to={`/messages/${encodeURIComponent(conversation.id)}`}
          className="font-medium text-brand-700 hover:underline"
          aria-label={t('chat.safeguarding.openConversation', { title: conversation.title })}
          data-testid="safeguarding-conversation-link"
        >
          {conversation.title}
        </Link>
      ) : (
        <>
          <span className="font-medium text-slate-900" data-testid="safeguarding-conversation-title">
            {conversation.title}
          </span>
          <span className="sr-only"> ({t('chat.safeguarding.notMember')})</span>
        </>
      )}{' '}
      <span className="text-slate-500">({t(`chat.kind.${conversation.kind}` as MessageKey)})</span>
      {conversation.course && (
        <>
          {' · '}
          <span data-testid="safeguarding-course-name">
            {/* A course conversation is named after its course: its code is enough. */}
            {conversation.course.title === conversation.title ? conversation.course.code : `${conversation.course.code} · ${conversation.course.title}`}
          </span>
        </>
      )}
    </p>
  );
}

function SafeguardingItem({ message, onSender, onConversation }: { message: SafeguardingMessage; onSender?: () => void; onConversation?: () => void }) {
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
      <ConversationLine conversation={message.conversation} />
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
      {(onSender || onConversation) && (
        <div className="mt-3 flex flex-wrap gap-x-4 gap-y-1">
          {onSender && (
            <button type="button" onClick={onSender} className="text-sm font-medium text-brand-700 hover:underline" data-testid="safeguarding-by-sender">
              {t('chat.safeguarding.bySender', { name: personName(message.sender) })}
            </button>
          )}
          {onConversation && (
            <button type="button" onClick={onConversation} className="text-sm font-medium text-brand-700 hover:underline" data-testid="safeguarding-by-conversation">
              {t('chat.safeguarding.byConversation')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
