import { useState } from 'react';
import type { ParentAlert } from '../../../api/parent-portal.api';
import { t, tn } from '../../../i18n';
import { useFormat } from '../../../i18n/use-format';
import { Badge } from '../../../ui/badge';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { EmptyState } from '../../../ui/empty-state';
import { ErrorState } from '../../../ui/error-state';
import { BellIcon } from '../../../ui/icons';
import { SkeletonList } from '../../../ui/skeleton';
import { useToast } from '../../../ui/toast';
import { alertTypeLabel, fullName } from '../shared/labels';
import { useAlerts } from './use-alerts';
import { useMarkAlertsRead } from './use-mark-alerts-read';

/** The parent's alerts (all children, or one), newest first: mark one or all read, load older ones. */
export function AlertsFeed({ studentId, showChild = true, className }: { studentId?: string; showChild?: boolean; className?: string }) {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const alerts = useAlerts({ studentId, unreadOnly });
  const markRead = useMarkAlertsRead();
  const toast = useToast();
  const unread = alerts.data?.pages[0]?.unread ?? 0;
  const items = alerts.data?.pages.flatMap((page) => page.items) ?? [];

  const markAll = () =>
    markRead.mutate(
      { all: true, studentId },
      {
        onSuccess: (result) => toast.show({ kind: 'success', message: tn('parentPortal.alerts.markedRead', result.updated) }),
        onError: (error) => toast.show({ kind: 'error', message: t('parentPortal.alerts.markFailed'), detail: error.message }),
      },
    );

  return (
    <Card
      title={
        <span className="flex items-center gap-2">
          {t('parentPortal.alerts.title')}
          {unread > 0 && (
            <Badge tone="danger">
              <span data-testid="alerts-unread">{tn('parentPortal.alerts.unread', unread)}</span>
            </Badge>
          )}
        </span>
      }
      className={className}
      testId="parent-alerts"
      action={
        unread > 0 ? (
          <Button size="sm" variant="secondary" onClick={markAll} loading={markRead.isPending && 'all' in (markRead.variables ?? {})} data-testid="alerts-mark-all">
            {t('parentPortal.alerts.markAll')}
          </Button>
        ) : undefined
      }
    >
      <div className="mb-3 flex gap-2" role="group" aria-label={t('parentPortal.alerts.filter')}>
        <Button size="sm" variant={unreadOnly ? 'ghost' : 'secondary'} aria-pressed={!unreadOnly} onClick={() => setUnreadOnly(false)}>
          {t('parentPortal.alerts.all')}
        </Button>
        <Button size="sm" variant={unreadOnly ? 'secondary' : 'ghost'} aria-pressed={unreadOnly} onClick={() => setUnreadOnly(true)}>
          {t('parentPortal.alerts.unreadOnly')}
        </Button>
      </div>
      {alerts.isPending ? (
        <SkeletonList rows={3} />
      ) : alerts.isError ? (
        <ErrorState error={alerts.error} compact onRetry={() => void alerts.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState icon={<BellIcon className="size-6" />} title={unreadOnly ? t('parentPortal.alerts.noneUnread') : t('parentPortal.alerts.none')}>
          {t('parentPortal.alerts.noneBody')}
        </EmptyState>
      ) : (
        <>
          {/* New alerts arrive while the page is open: announce them politely. */}
          <ul className="divide-y divide-slate-200" aria-live="polite" data-testid="alerts-list">
            {items.map((alert) => (
              <AlertRow key={alert.id} alert={alert} showChild={showChild} onRead={() => markRead.mutate({ alertIds: [alert.id] })} />
            ))}
          </ul>
          {alerts.hasNextPage && (
            <Button variant="ghost" size="sm" className="mt-2" onClick={() => void alerts.fetchNextPage()} loading={alerts.isFetchingNextPage}>
              {t('parentPortal.alerts.older')}
            </Button>
          )}
        </>
      )}
    </Card>
  );
}

export function AlertRow({ alert, showChild, onRead }: { alert: ParentAlert; showChild: boolean; onRead?: () => void }) {
  const format = useFormat();
  const unread = alert.readAt === null;
  return (
    <li className="flex gap-3 py-3" data-testid="alert-item" data-alert-type={alert.type} data-unread={unread || undefined}>
      <span className={`mt-1.5 size-2.5 shrink-0 rounded-full ${unread ? 'bg-rose-600' : 'bg-transparent'}`} aria-hidden="true" />
      <div className="min-w-0 flex-1">
        <p className={`text-sm ${unread ? 'font-semibold text-slate-900' : 'text-slate-800'}`}>
          {unread && <span className="sr-only">{t('parentPortal.alerts.unreadMark')} </span>}
          {alert.title}
        </p>
        <p className="mt-0.5 text-sm text-slate-700">{alert.message}</p>
        <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
          <Badge tone={unread ? 'warning' : 'neutral'}>{alertTypeLabel(alert.type)}</Badge>
          {showChild && <span>{fullName(alert.child)}</span>}
          {alert.course && <span>{alert.course.title}</span>}
          <time dateTime={alert.createdAt}>{format.relative(alert.createdAt)}</time>
        </p>
      </div>
      {unread && onRead && (
        <Button size="sm" variant="ghost" onClick={onRead} aria-label={t('parentPortal.alerts.markReadOne', { title: alert.title })}>
          {t('parentPortal.alerts.markRead')}
        </Button>
      )}
    </li>
  );
}
