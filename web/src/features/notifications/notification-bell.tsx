import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import type { NotificationView } from '../../api/notifications.api';
import { t, tn } from '../../i18n';
import { Button } from '../../ui/button';
import { cx } from '../../ui/class-names';
import { EmptyState } from '../../ui/empty-state';
import { ErrorState } from '../../ui/error-state';
import { BellIcon, InboxIcon } from '../../ui/icons';
import { SkeletonList } from '../../ui/skeleton';
import { NotificationItem } from './notification-item';
import { badgeText } from './preference-grid';
import { useLatestNotifications } from './use-latest-notifications';
import { useMarkAllRead } from './use-mark-all-read';
import { useMarkRead } from './use-mark-read';
import { useNotificationsLive } from './use-notifications-live';
import { useUnreadCount } from './use-unread-count';

/**
 * The header bell: a live unread count, and a dropdown with the newest few and "mark all read". It also owns the
 * socket listeners for notifications, since it is mounted once for the whole signed-in session.
 */
export function NotificationBell() {
  useNotificationsLive();
  const unread = useUnreadCount();
  const count = unread.data?.unreadCount ?? 0;
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const headingId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const location = useLocation();

  // Navigating (a notification's link, "View all") closes the dropdown.
  useEffect(() => setOpen(false), [location.pathname]);

  useEffect(() => {
    if (!open) return;
    panelRef.current?.focus();
    const onPointer = (event: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const label = count > 0 ? tn('notifications.bell.labelUnread', count) : t('notifications.bell.label');
  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-label={label}
        title={label}
        onClick={() => setOpen((value) => !value)}
        data-testid="notification-bell"
        data-count={count}
        className="relative grid size-10 place-items-center rounded-lg text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
      >
        <BellIcon className="size-5" />
        {count > 0 && (
          <span
            className="absolute top-1 right-0.5 min-w-5 rounded-full bg-rose-600 px-1 text-center text-[11px] leading-5 font-semibold text-white tabular-nums"
            data-testid="notification-badge"
            aria-hidden="true"
          >
            {badgeText(count)}
          </span>
        )}
      </button>
      {/* The count, announced politely when it changes (the button's label is only read on focus). */}
      <span className="sr-only" aria-live="polite">
        {count > 0 ? tn('notifications.bell.labelUnread', count) : ''}
      </span>
      {open && <BellPanel id={panelId} headingId={headingId} panelRef={panelRef} count={count} onClose={() => setOpen(false)} />}
    </div>
  );
}

interface BellPanelProps {
  id: string;
  headingId: string;
  panelRef: React.RefObject<HTMLDivElement | null>;
  count: number;
  onClose: () => void;
}

function BellPanel({ id, headingId, panelRef, count, onClose }: BellPanelProps) {
  const latest = useLatestNotifications(true);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const items = latest.data?.items ?? [];

  function open(notification: NotificationView) {
    if (!notification.readAt) markRead.mutate(notification.id);
    onClose();
  }

  return (
    <div
      id={id}
      ref={panelRef}
      role="region"
      aria-labelledby={headingId}
      tabIndex={-1}
      data-testid="notification-panel"
      className={cx(
        'fixed inset-x-2 top-16 z-40 max-h-[calc(100dvh-9rem)] overflow-y-auto rounded-xl border border-slate-200 bg-white shadow-xl outline-none',
        'sm:absolute sm:inset-x-auto sm:top-12 sm:right-0 sm:w-96 sm:max-h-[70vh]',
      )}
    >
      <div className="flex items-center justify-between gap-3 border-b border-slate-100 px-4 py-3">
        <h2 id={headingId} className="text-sm font-semibold text-slate-900">
          {t('notifications.title')}
        </h2>
        <Button
          variant="ghost"
          size="sm"
          onClick={() => markAll.mutate()}
          loading={markAll.isPending}
          disabled={count === 0}
          data-testid="notification-mark-all"
        >
          {t('notifications.markAllRead')}
        </Button>
      </div>
      {markAll.isError && <ErrorState className="m-3" error={markAll.error} compact />}
      {latest.isPending ? (
        <div className="p-4">
          <SkeletonList rows={3} />
        </div>
      ) : latest.isError ? (
        <ErrorState className="m-3" error={latest.error} onRetry={() => void latest.refetch()} retrying={latest.isFetching} compact />
      ) : items.length === 0 ? (
        <EmptyState icon={<InboxIcon />} title={t('notifications.emptyTitle')} testId="notification-panel-empty">
          {t('notifications.emptyBody')}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="notification-panel-list">
          {items.map((notification) => (
            <NotificationItem key={notification.id} notification={notification} onOpen={open} compact />
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 px-4 py-2.5 text-sm">
        <Link to="/notifications" className="rounded font-medium text-brand-700 hover:underline" data-testid="notification-view-all">
          {t('notifications.viewAll')}
        </Link>
        <Link to="/notifications/preferences" className="rounded text-slate-700 hover:underline">
          {t('notifications.preferencesLink')}
        </Link>
      </div>
    </div>
  );
}
