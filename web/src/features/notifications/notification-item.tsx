import { Link } from 'react-router-dom';
import type { NotificationView } from '../../api/notifications.api';
import { t } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { Button } from '../../ui/button';
import { cx } from '../../ui/class-names';
import { categoryLabelKey, internalPath } from './notification-view';

interface NotificationItemProps {
  notification: NotificationView;
  /** Following the link marks it read too. */
  onOpen: (notification: NotificationView) => void;
  onMarkRead?: (notification: NotificationView) => void;
  markingRead?: boolean;
  compact?: boolean;
}

/** One notification: unread ones carry a dot and a "New" label for screen readers; a link opens its page. */
export function NotificationItem({ notification, onOpen, onMarkRead, markingRead, compact = false }: NotificationItemProps) {
  const format = useFormat();
  const unread = !notification.readAt;
  const path = internalPath(notification.link);
  const categoryKey = categoryLabelKey(notification.category);
  const title = (
    <>
      {unread && <span className="sr-only">{t('notifications.unreadLabel')} </span>}
      {notification.title}
    </>
  );
  return (
    <li
      className={cx('relative flex gap-3', compact ? 'px-4 py-3' : 'py-4', unread && compact && 'bg-brand-50/60')}
      data-testid="notification-item"
      data-unread={unread || undefined}
    >
      <span className={cx('mt-1.5 size-2.5 shrink-0 rounded-full', unread ? 'bg-brand-600' : 'bg-transparent')} aria-hidden="true" />
      <div className="min-w-0 flex-1">
        <p className={cx('text-sm break-words text-slate-900', unread ? 'font-semibold' : 'font-medium')}>
          {path ? (
            <Link
              to={path}
              onClick={() => onOpen(notification)}
              className="rounded underline-offset-2 outline-none after:absolute after:inset-0 hover:underline focus-visible:ring-2 focus-visible:ring-brand-600"
            >
              {title}
            </Link>
          ) : (
            title
          )}
        </p>
        {notification.body && <p className={cx('mt-0.5 text-sm break-words text-slate-700', compact && 'line-clamp-2')}>{notification.body}</p>}
        <p className="mt-1 flex flex-wrap gap-x-2 text-xs text-slate-600">
          <time dateTime={notification.createdAt} title={format.dateTime(notification.createdAt)}>
            {format.relative(notification.createdAt)}
          </time>
          <span aria-hidden="true">·</span>
          <span>{categoryKey ? t(categoryKey) : notification.category}</span>
        </p>
      </div>
      {unread && onMarkRead && (
        // Above the stretched link, so it stays clickable on its own.
        <Button
          variant="ghost"
          size="sm"
          className="relative z-10 shrink-0 self-start"
          onClick={() => onMarkRead(notification)}
          loading={markingRead}
          aria-label={t('notifications.markReadLabel', { title: notification.title })}
          data-testid="notification-mark-read"
        >
          {t('notifications.markRead')}
        </Button>
      )}
    </li>
  );
}
