import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { ChatMessage, ConversationDetail } from '../../api/chat.api';
import { type MessageKey, t, tn } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { useRoom } from '../../realtime/use-room';
import { Button } from '../../ui/button';
import { cx } from '../../ui/class-names';
import { EmptyState } from '../../ui/empty-state';
import { ErrorState } from '../../ui/error-state';
import { InboxIcon, UsersIcon } from '../../ui/icons';
import { Skeleton, SkeletonList } from '../../ui/skeleton';
import { Spinner } from '../../ui/spinner';
import { useCurrentUser } from '../auth/use-session';
import { buildTimeline, readersOf } from './chat-logic';
import { Composer } from './composer';
import { Avatar } from './inbox-panel';
import { MessageRow, PendingRow } from './message-row';
import { ParticipantsPanel } from './participants-panel';
import { useMarkRead } from './use-chat-mutations';
import { useChatPolicy } from './use-chat-policy';
import { useConversation } from './use-conversation';
import { useHistory } from './use-history';
import { useTyping } from './use-typing';

/** Within this distance of the bottom counts as "reading the latest": new messages scroll in and get marked read. */
const NEAR_BOTTOM_PX = 120;

export function ConversationView({ conversationId }: { conversationId: string }) {
  const conversation = useConversation(conversationId);
  const [showPeople, setShowPeople] = useState(false);
  // Follow the room while open (joined again after every reconnect; the history catches up on its own).
  const room = useRoom('conversation', conversationId);

  if (conversation.isPending)
    return (
      <div className="flex flex-1 flex-col gap-4 p-4">
        <Skeleton className="h-10 w-1/2" />
        <SkeletonList rows={5} label={t('chat.conversation.loading')} />
      </div>
    );
  if (conversation.isError)
    return (
      <div className="p-4">
        <BackLink />
        <ErrorState error={conversation.error} onRetry={() => void conversation.refetch()} retrying={conversation.isFetching} className="mt-3" />
      </div>
    );
  const detail = conversation.data;
  return (
    <div className="relative flex min-h-0 flex-1 flex-col" data-testid="chat-conversation" data-conversation-id={conversationId}>
      <Header detail={detail} onPeople={() => setShowPeople((value) => !value)} peopleOpen={showPeople} />
      {room.status === 'refused' && <ErrorState error={room.error} compact className="m-3" />}
      <div className="flex min-h-0 flex-1">
        <Timeline detail={detail} />
        {showPeople && <ParticipantsPanel detail={detail} onClose={() => setShowPeople(false)} />}
      </div>
    </div>
  );
}

function BackLink() {
  return (
    <Link to="/messages" className="inline-flex h-10 items-center rounded-lg px-2 text-sm font-medium text-brand-700 hover:bg-slate-100 md:hidden" data-testid="chat-back">
      ← <span className="ml-1">{t('chat.back')}</span>
    </Link>
  );
}

function Header({ detail, onPeople, peopleOpen }: { detail: ConversationDetail; onPeople: () => void; peopleOpen: boolean }) {
  const user = useCurrentUser();
  const counterpart = detail.counterpart ? detail.participants.find((participant) => participant.user.id === detail.counterpart?.id) : undefined;
  const subtitle = counterpart
    ? t(`chat.presence.${counterpart.presence}` as MessageKey)
    : `${t(`chat.kind.${detail.kind}` as MessageKey)}${detail.course ? ` · ${detail.course.code}` : ''} · ${tn('chat.participants.count', detail.participantCount)}`;
  const others = detail.participants.filter((participant) => participant.user.id !== user.id);
  return (
    <header className="flex items-center gap-2 border-b border-slate-200 px-2 py-2 sm:px-3">
      <BackLink />
      <Avatar name={detail.title} kind={detail.kind} />
      <div className="min-w-0 flex-1">
        <h2 className="truncate text-sm font-semibold text-slate-900" data-testid="chat-conversation-title">
          {detail.title}
        </h2>
        <p className="flex items-center gap-1.5 truncate text-xs text-slate-600">
          {counterpart && <PresenceDot status={counterpart.presence} />}
          {subtitle}
          {detail.muted && ` · ${t('chat.inbox.muted')}`}
          {detail.archived && ` · ${t('chat.archived')}`}
        </p>
      </div>
      <Button
        variant="ghost"
        size="sm"
        icon={<UsersIcon className="size-5" />}
        aria-expanded={peopleOpen}
        onClick={onPeople}
        data-testid="chat-people-toggle"
        aria-label={t('chat.participants.toggle', { count: others.length + 1 })}
      >
        <span className="hidden sm:inline">{t('chat.participants.title')}</span>
      </Button>
    </header>
  );
}

export function PresenceDot({ status }: { status: 'online' | 'idle' | 'offline' }) {
  return <span aria-hidden="true" className={cx('inline-block size-2 rounded-full', status === 'online' ? 'bg-emerald-500' : status === 'idle' ? 'bg-amber-400' : 'bg-slate-300')} />;
}

function Timeline({ detail }: { detail: ConversationDetail }) {
  const user = useCurrentUser();
  const format = useFormat();
  const history = useHistory(detail.id);
  const typing = useTyping(detail.id);
  const policy = useChatPolicy();
  const markRead = useMarkRead();
  const scroller = useRef<HTMLDivElement>(null);
  const topSentinel = useRef<HTMLDivElement>(null);
  const [atBottom, setAtBottom] = useState(true);
  const [unseen, setUnseen] = useState(0);
  const anchor = useRef<{ firstId: string | undefined; fromBottom: number } | null>(null);
  const lastMarked = useRef(detail.lastReadSeq);

  const state = history.query.data;
  const items = useMemo(() => state?.items ?? [], [state]);
  const pending = state?.pending ?? [];
  const dayOf = useCallback((iso: string) => format.date(iso), [format]);
  const timeline = useMemo(() => buildTimeline(items, user.id, dayOf), [items, user.id, dayOf]);
  const newest = items[items.length - 1];
  const names = useMemo(() => detail.participants.map((participant) => `${participant.user.firstName} ${participant.user.lastName}`), [detail.participants]);

  // My newest message and who has read it (read receipts from the watermarks).
  const myLatest = [...items].reverse().find((message) => message.sender.id === user.id && !message.deleted);
  const readers = myLatest ? readersOf(myLatest, detail.participants) : [];

  const isNearBottom = () => {
    const element = scroller.current;
    return !element || element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
  };
  const scrollToBottom = (smooth = false) => {
    const element = scroller.current;
    if (element) element.scrollTo({ top: element.scrollHeight, behavior: smooth ? 'smooth' : 'auto' });
    setUnseen(0);
  };

  // Loading older pages keeps the view where it was; a new message scrolls in if we were at the bottom (or it's ours).
  const previousNewest = useRef<string | undefined>(undefined);
  const previousCount = useRef(0);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const saved = anchor.current;
    if (saved && saved.firstId !== items[0]?.id) {
      element.scrollTop = element.scrollHeight - saved.fromBottom;
      anchor.current = null;
    } else if (previousNewest.current === undefined && newest) {
      element.scrollTop = element.scrollHeight;
    } else if (newest && newest.id !== previousNewest.current) {
      if (atBottom || newest.sender.id === user.id) element.scrollTop = element.scrollHeight;
      else setUnseen((count) => count + Math.max(1, items.length - previousCount.current));
    }
    previousNewest.current = newest?.id;
    previousCount.current = items.length;
  }, [items]);
  useLayoutEffect(() => {
    if (atBottom) scroller.current?.scrollTo({ top: scroller.current.scrollHeight });
  }, [pending.length, typing.typers.length]);

  // Infinite scroll upward.
  const { loadOlder } = history;
  const hasOlder = state?.hasOlder ?? false;
  useEffect(() => {
    const sentinel = topSentinel.current;
    const root = scroller.current;
    if (!sentinel || !root || !hasOlder) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        anchor.current = { firstId: root.querySelector('[data-message-id]')?.getAttribute('data-message-id') ?? undefined, fromBottom: root.scrollHeight - root.scrollTop };
        void loadOlder();
      },
      { root, rootMargin: '200px 0px 0px 0px' },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [hasOlder, loadOlder, items.length]);

  // Read: the newest message from someone else, once it is on screen in a visible tab.
  const { mutate: mark } = markRead;
  useEffect(() => {
    const tryMark = () => {
      if (!newest || newest.seq <= lastMarked.current || !atBottom || document.visibilityState !== 'visible') return;
      lastMarked.current = newest.seq;
      mark({ conversationId: detail.id, messageId: newest.id });
    };
    tryMark();
    document.addEventListener('visibilitychange', tryMark);
    return () => document.removeEventListener('visibilitychange', tryMark);
  }, [newest, atBottom, detail.id, mark]);

  const typers = typing.typers
    .map((id) => detail.participants.find((participant) => participant.user.id === id)?.user.firstName)
    .filter((name): name is string => Boolean(name));

  return (
    <div className="relative flex min-w-0 flex-1 flex-col">
      <div
        ref={scroller}
        onScroll={() => {
          const near = isNearBottom();
          setAtBottom(near);
          if (near) setUnseen(0);
        }}
        className="min-h-0 flex-1 overflow-y-auto bg-slate-50/60 px-3 py-3 sm:px-4"
        data-testid="chat-timeline"
        role="log"
        aria-live="polite"
        aria-relevant="additions"
        aria-label={t('chat.conversation.messages', { title: detail.title })}
      >
        {history.query.isPending ? (
          <SkeletonList rows={5} label={t('chat.conversation.loading')} />
        ) : history.query.isError ? (
          <ErrorState error={history.query.error} onRetry={() => void history.query.refetch()} compact />
        ) : (
          <>
            <div ref={topSentinel} aria-hidden="true" className="h-px" />
            {history.loadingOlder && (
              <p className="flex justify-center py-2 text-xs text-slate-500">
                <Spinner className="mr-2 size-4" />
                {t('chat.conversation.loadingOlder')}
              </p>
            )}
            {history.olderError ? <ErrorState error={history.olderError} onRetry={() => void history.loadOlder()} compact className="mb-2" /> : null}
            {!hasOlder && items.length > 0 && <p className="py-2 text-center text-xs text-slate-500">{t('chat.conversation.start')}</p>}
            {items.length === 0 && pending.length === 0 && (
              <EmptyState icon={<InboxIcon className="size-6" />} title={t('chat.conversation.empty')}>
                {detail.canPost ? t('chat.conversation.emptyBody') : t('chat.conversation.readOnly')}
              </EmptyState>
            )}
            <ol className="space-y-0.5">
              {timeline.map((entry) =>
                entry.type === 'day' ? (
                  <li key={entry.key} className="sticky top-0 z-10 flex justify-center py-2" data-testid="chat-day">
                    <span className="rounded-full bg-white px-3 py-0.5 text-xs font-medium text-slate-600 shadow-sm ring-1 ring-slate-200">{entry.day}</span>
                  </li>
                ) : (
                  <MessageRow
                    key={entry.key}
                    entry={entry}
                    detail={detail}
                    names={names}
                    editWindowMinutes={policy.data?.editWindowMinutes ?? 15}
                    receipt={entry.message.id === myLatest?.id ? receiptText(detail, readers.length) : undefined}
                    readerNames={entry.message.id === myLatest?.id ? readers.map((reader) => `${reader.user.firstName} ${reader.user.lastName}`) : []}
                  />
                ),
              )}
              {pending.map((item) => (
                <PendingRow key={item.clientId} item={item} onRetry={() => void history.retry(item.clientId).catch(() => undefined)} onDiscard={() => history.discard(item.clientId)} />
              ))}
            </ol>
          </>
        )}
      </div>
      <p className="h-5 px-4 text-xs text-slate-600 italic" aria-live="polite" data-testid="chat-typing">
        {typers.length === 1 ? t('chat.typing.one', { name: typers[0] ?? '' }) : typers.length > 1 ? t('chat.typing.many', { count: typers.length }) : ''}
      </p>
      {!atBottom && (
        <button
          type="button"
          onClick={() => scrollToBottom(true)}
          className="absolute right-4 bottom-24 z-20 rounded-full bg-white px-3 py-2 text-sm font-medium text-brand-800 shadow-lg ring-1 ring-slate-200 hover:bg-brand-50"
          data-testid="chat-jump-latest"
        >
          ↓ {unseen > 0 ? tn('chat.conversation.newBelow', unseen) : t('chat.conversation.jumpLatest')}
        </button>
      )}
      <Composer detail={detail} onSend={history.send} onTyping={typing.notifyTyping} onStopTyping={typing.stopTyping} />
    </div>
  );
}

function receiptText(detail: ConversationDetail, readers: number): string {
  if (readers === 0) return t('chat.receipt.sent');
  if (detail.kind === 'direct') return t('chat.receipt.seen');
  return tn('chat.receipt.seenBy', readers);
}

export type { ChatMessage };
