import type { ConversationKind } from '@tec/shared/contracts';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { type ConversationSummary, type ConversationsFilter, searchMessages } from '../../api/chat.api';
import { queryKeys } from '../../api/query-keys';
import { type MessageKey, t, tn } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { Button } from '../../ui/button';
import { cx } from '../../ui/class-names';
import { EmptyState } from '../../ui/empty-state';
import { ErrorState } from '../../ui/error-state';
import { InboxIcon, SearchIcon } from '../../ui/icons';
import { SkeletonList } from '../../ui/skeleton';
import { useCurrentUser } from '../auth/use-session';
import { headlineSegments, unreadBadge } from './chat-logic';
import { NewConversationDialog } from './new-conversation-dialog';
import { useInbox } from './use-inbox';

const KINDS: readonly ConversationKind[] = ['direct', 'course', 'group', 'announcement'];

/** The inbox: filters (kind, course, archived), full-text search with highlighted hits, and the conversations. */
export function InboxPanel({ activeId }: { activeId?: string }) {
  const user = useCurrentUser();
  const [kind, setKind] = useState<ConversationKind | ''>('');
  const [courseId, setCourseId] = useState('');
  const [archived, setArchived] = useState(false);
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const q = useDeferredValue(search.trim());
  const filter: ConversationsFilter = { kind: kind || undefined, courseId: courseId || undefined, archived };
  const inbox = useInbox(filter);
  // Courses to filter by: those of the conversations the person has (no second request).
  const all = useInbox({});
  const courses = useMemo(() => {
    const seen = new Map<string, { id: string; code: string; title: string }>();
    for (const item of all.data?.items ?? []) if (item.course) seen.set(item.course.id, item.course);
    return [...seen.values()];
  }, [all.data]);
  const moderator = user.role === 'teacher' || user.role === 'admin';

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="space-y-3 border-b border-slate-200 p-3">
        <div className="flex items-center gap-2">
          <h1 className="flex-1 text-lg font-semibold text-slate-900" data-testid="chat-heading">
            {t('chat.title')}
          </h1>
          {moderator && (
            <Link to="/messages/moderation" className="text-sm font-medium text-brand-700 hover:underline" data-testid="chat-moderation-link">
              {t('chat.moderation.link')}
            </Link>
          )}
          <Button size="sm" onClick={() => setCreating(true)} data-testid="chat-new">
            {t('chat.new.open')}
          </Button>
        </div>
        <label className="relative block">
          <span className="sr-only">{t('chat.search.label')}</span>
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-500" aria-hidden="true" />
          <input
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder={t('chat.search.placeholder')}
            className="h-10 w-full rounded-lg border border-slate-300 bg-white pr-3 pl-9 text-sm focus-visible:border-brand-600 focus-visible:ring-2 focus-visible:ring-brand-600/30 focus-visible:outline-none"
            data-testid="chat-search"
          />
        </label>
        {q.length < 2 && (
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <label className="sr-only" htmlFor="chat-kind">
              {t('chat.filter.kind')}
            </label>
            <select
              id="chat-kind"
              value={kind}
              onChange={(event) => setKind(event.target.value as ConversationKind | '')}
              className="h-9 rounded-lg border border-slate-300 bg-white px-2"
              data-testid="chat-filter-kind"
            >
              <option value="">{t('chat.filter.allKinds')}</option>
              {KINDS.map((value) => (
                <option key={value} value={value}>
                  {t(`chat.kind.${value}` as MessageKey)}
                </option>
              ))}
            </select>
            {courses.length > 0 && (
              <>
                <label className="sr-only" htmlFor="chat-course">
                  {t('chat.filter.course')}
                </label>
                <select
                  id="chat-course"
                  value={courseId}
                  onChange={(event) => setCourseId(event.target.value)}
                  className="h-9 max-w-36 rounded-lg border border-slate-300 bg-white px-2"
                >
                  <option value="">{t('chat.filter.allCourses')}</option>
                  {courses.map((course) => (
                    <option key={course.id} value={course.id}>
                      {course.code}
                    </option>
                  ))}
                </select>
              </>
            )}
            <label className="flex items-center gap-1.5 text-slate-700">
              <input type="checkbox" checked={archived} onChange={(event) => setArchived(event.target.checked)} className="size-4 accent-brand-700" data-testid="chat-filter-archived" />
              {t('chat.filter.archived')}
            </label>
          </div>
        )}
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        {q.length >= 2 ? (
          <SearchResults q={q} />
        ) : inbox.isPending ? (
          <div className="p-3">
            <SkeletonList rows={6} label={t('chat.inbox.loading')} />
          </div>
        ) : inbox.isError ? (
          <div className="p-3">
            <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} retrying={inbox.isFetching} compact />
          </div>
        ) : inbox.data.items.length === 0 ? (
          <EmptyState
            icon={<InboxIcon className="size-6" />}
            title={archived ? t('chat.inbox.emptyArchived') : t('chat.inbox.empty')}
            action={!archived && <Button onClick={() => setCreating(true)}>{t('chat.new.open')}</Button>}
          >
            {!archived && t('chat.inbox.emptyBody')}
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="chat-inbox">
            {inbox.data.items.map((item) => (
              <InboxRow key={item.id} item={item} active={item.id === activeId} meId={user.id} />
            ))}
          </ul>
        )}
      </div>
      <NewConversationDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

function InboxRow({ item, active, meId }: { item: ConversationSummary; active: boolean; meId: string }) {
  const format = useFormat();
  const last = item.lastMessage;
  const preview = !last
    ? t('chat.inbox.noMessages')
    : last.deleted
      ? t('chat.message.deleted')
      : `${last.sender.id === meId ? t('chat.inbox.you') : last.sender.firstName}: ${last.preview || (last.hasAttachment ? t('chat.inbox.attachment') : '')}`;
  const unread = item.unreadCount > 0;
  return (
    <li>
      <Link
        to={`/messages/${item.id}`}
        aria-current={active ? 'page' : undefined}
        className={cx('flex gap-3 px-3 py-3 hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:outline-none', active && 'bg-brand-50 hover:bg-brand-50')}
        data-testid="chat-inbox-row"
        data-conversation-id={item.id}
        data-unread={item.unreadCount}
      >
        <Avatar name={item.title} kind={item.kind} />
        <div className="min-w-0 flex-1">
          <div className="flex items-baseline gap-2">
            <p className={cx('min-w-0 flex-1 truncate text-sm', unread ? 'font-semibold text-slate-900' : 'font-medium text-slate-800')}>{item.title}</p>
            <time className="shrink-0 text-xs text-slate-500" dateTime={item.activityAt}>
              {format.relative(item.activityAt)}
            </time>
          </div>
          <div className="mt-0.5 flex items-center gap-2">
            <p className={cx('min-w-0 flex-1 truncate text-sm', unread ? 'text-slate-800' : 'text-slate-600')}>{preview}</p>
            {item.muted && <span className="text-xs text-slate-500">{t('chat.inbox.muted')}</span>}
            {unread && (
              <span className="min-w-5 rounded-full bg-brand-700 px-1.5 text-center text-[11px] leading-5 font-semibold text-white tabular-nums" data-testid="chat-unread-badge">
                <span aria-hidden="true">{unreadBadge(item.unreadCount)}</span>
                <span className="sr-only">{tn('chat.inbox.unread', item.unreadCount)}</span>
              </span>
            )}
          </div>
          <p className="mt-0.5 truncate text-xs text-slate-500">
            {t(`chat.kind.${item.kind}` as MessageKey)}
            {item.course ? ` · ${item.course.code}` : ''}
          </p>
        </div>
      </Link>
    </li>
  );
}

export function Avatar({ name, kind, size = 'md' }: { name: string; kind?: ConversationKind; size?: 'sm' | 'md' }) {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
  const tone = kind === 'course' ? 'bg-emerald-100 text-emerald-800' : kind === 'announcement' ? 'bg-amber-100 text-amber-800' : kind === 'group' ? 'bg-sky-100 text-sky-800' : 'bg-brand-100 text-brand-800';
  return (
    <span aria-hidden="true" className={cx('grid shrink-0 place-items-center rounded-full font-semibold', tone, size === 'sm' ? 'size-8 text-xs' : 'size-10 text-sm')}>
      {initials || '?'}
    </span>
  );
}

function SearchResults({ q }: { q: string }) {
  const user = useCurrentUser();
  const format = useFormat();
  const navigate = useNavigate();
  const results = useQuery({ queryKey: queryKeys.chat.search(user.id, q), queryFn: ({ signal }) => searchMessages(q, signal), staleTime: 15_000 });
  if (results.isPending) return <div className="p-3"><SkeletonList rows={3} label={t('chat.search.loading')} /></div>;
  if (results.isError) return <div className="p-3"><ErrorState error={results.error} onRetry={() => void results.refetch()} compact /></div>;
  if (results.data.items.length === 0) return <EmptyState icon={<SearchIcon className="size-6" />} title={t('chat.search.none', { q })}>{t('chat.search.noneBody')}</EmptyState>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="chat-search-results" aria-live="polite">
      {results.data.items.map((hit) => (
        <li key={hit.message.id}>
          <button type="button" onClick={() => navigate(`/messages/${hit.conversation.id}`)} className="block w-full px-3 py-3 text-left hover:bg-slate-50">
            <p className="flex items-baseline gap-2 text-sm font-medium text-slate-900">
              <span className="min-w-0 flex-1 truncate">{hit.conversation.title}</span>
              <time className="text-xs font-normal text-slate-500" dateTime={hit.message.createdAt}>{format.date(hit.message.createdAt)}</time>
            </p>
            <p className="mt-0.5 text-sm text-slate-700">
              <span className="font-medium">{hit.message.sender.firstName}: </span>
              {headlineSegments(hit.headline).map((segment, index) =>
                segment.mark ? <mark key={index} className="rounded bg-amber-200 px-0.5 text-slate-900">{segment.text}</mark> : <span key={index}>{segment.text}</span>,
              )}
            </p>
          </button>
        </li>
      ))}
    </ul>
  );
}
