import { useSearchParams } from 'react-router-dom';
import type { NotificationView } from '../../api/notifications.api';
import { t, tn } from '../../i18n';
import { useDocumentTitle } from '../../layout/use-document-title';
import { Button, ButtonLink } from '../../ui/button';
import { Card } from '../../ui/card';
import { cx } from '../../ui/class-names';
import { EmptyState } from '../../ui/empty-state';
import { ErrorState } from '../../ui/error-state';
import { CheckIcon, InboxIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/page-header';
import { SkeletonList } from '../../ui/skeleton';
import { useToast } from '../../ui/toast';
import { NotificationItem } from './notification-item';
import { useMarkAllRead } from './use-mark-all-read';
import { useMarkRead } from './use-mark-read';
import { useNotifications } from './use-notifications';
import { useUnreadCount } from './use-unread-count';

export function NotificationsPage() {
  useDocumentTitle(t('notifications.title'));
  // The filter lives in the URL, so a reload keeps it.
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('filter') === 'unread';
  const list = useNotifications(unreadOnly);
  const unread = useUnreadCount();
  const count = unread.data?.unreadCount ?? list.data?.pages[0]?.unreadCount ?? 0;
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const toast = useToast();

  function open(notification: NotificationView) {
    if (!notification.readAt) markRead.mutate(notification.id);
  }

  function markAllRead() {
    markAll.mutate(undefined, {
      onSuccess: (result) => toast.show({ kind: 'success', message: tn('notifications.markedAll', result.updated) }),
      onError: (error) => toast.show({ kind: 'error', message: t('notifications.markFailed'), detail: error.message }),
    });
  }

  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        description={count > 0 ? tn('notifications.unreadSummary', count) : t('notifications.allRead')}
        testId="notifications-heading"
        actions={
          <>
            <ButtonLink to="/notifications/preferences" variant="secondary">
              {t('notifications.preferencesLink')}
            </ButtonLink>
            <Button variant="primary" onClick={markAllRead} loading={markAll.isPending} disabled={count === 0} icon={<CheckIcon className="size-4" />}>
              {t('notifications.markAllRead')}
            </Button>
          </>
        }
      />
      <Card testId="notifications-list-card">
        <div role="group" aria-label={t('notifications.filter.label')} className="mb-2 inline-flex rounded-lg border border-slate-200 bg-slate-50 p-1">
          {[false, true].map((onlyUnread) => (
            <button
              key={String(onlyUnread)}
              type="button"
              aria-pressed={unreadOnly === onlyUnread}
              onClick={() => setParams(onlyUnread ? { filter: 'unread' } : {}, { replace: true })}
              className={cx(
                'rounded-md px-3 py-1.5 text-sm font-medium',
                unreadOnly === onlyUnread ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900',
              )}
              data-testid={onlyUnread ? 'notifications-filter-unread' : 'notifications-filter-all'}
            >
              {onlyUnread ? t('notifications.filter.unread') : t('notifications.filter.all')}
            </button>
          ))}
        </div>
        {list.isPending ? (
          <SkeletonList rows={5} />
        ) : list.isError && !list.data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} retrying={list.isFetching} />
        ) : items.length === 0 ? (
          <EmptyState icon={<InboxIcon />} title={unreadOnly ? t('notifications.emptyUnreadTitle') : t('notifications.emptyTitle')} testId="notifications-empty">
            {unreadOnly ? t('notifications.emptyUnreadBody') : t('notifications.emptyBody')}
          </EmptyState>
        ) : (
          <>
            <ul className="divide-y divide-slate-100" data-testid="notifications-list">
              {items.map((notification) => (
                <NotificationItem
                  key={notification.id}
                  notification={notification}
                  onOpen={open}
                  onMarkRead={(target) => markRead.mutate(target.id)}
                  markingRead={markRead.isPending && markRead.variables === notification.id}
                />
              ))}
            </ul>
            {(list.isFetchNextPageError || markRead.isError) && <ErrorState className="mt-4" error={list.error ?? markRead.error} compact />}
            {list.hasNextPage && (
              <div className="mt-4 flex justify-center">
                <Button variant="secondary" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  {t('notifications.loadMore')}
                </Button>
              </div>
            )}
          </>
        )}
      </Card>
    </>
  );
}
