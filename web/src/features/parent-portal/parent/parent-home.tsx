import { t } from '../../../i18n';
import { ButtonLink } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { EmptyState } from '../../../ui/empty-state';
import { ErrorState } from '../../../ui/error-state';
import { LinkIcon } from '../../../ui/icons';
import { Skeleton } from '../../../ui/skeleton';
import { AlertsFeed } from './alerts-feed';
import { ChildCard } from './child-card';
import { PendingLinks } from './pending-links';
import { useChildren } from './use-children';
import { usePortalLive } from './use-portal-live';

/** The parent's home: a card per linked child, links still waiting, and the alerts feed. */
export function ParentHome() {
  const children = useChildren();
  usePortalLive();
  return (
    <div className="grid gap-6 lg:grid-cols-5">
      <div className="space-y-6 lg:col-span-3">
        <Card
          title={t('dashboard.parent.childrenTitle')}
          testId="parent-children"
          action={
            <ButtonLink to="/family/link" size="sm" variant="secondary">
              {t('parentPortal.link.cta')}
            </ButtonLink>
          }
        >
          {children.isPending ? (
            <div role="status" className="grid gap-3 sm:grid-cols-2">
              <span className="sr-only">{t('common.loading')}</span>
              <Skeleton className="h-44" />
              <Skeleton className="h-44" />
            </div>
          ) : children.isError ? (
            <ErrorState error={children.error} onRetry={() => void children.refetch()} />
          ) : children.data.length === 0 ? (
            <EmptyState
              testId="parent-children-empty"
              icon={<LinkIcon className="size-6" />}
              title={t('dashboard.parent.emptyTitle')}
              action={
                <ButtonLink to="/family/link" variant="primary">
                  {t('parentPortal.link.cta')}
                </ButtonLink>
              }
            >
              <p>{t('parentPortal.home.emptyBody')}</p>
              <p className="mt-2">{t('dashboard.parent.adultNote')}</p>
            </EmptyState>
          ) : (
            <ul className="grid grid-cols-1 gap-3" data-testid="child-cards">
              {children.data.map((summary) => (
                <ChildCard key={summary.linkId} summary={summary} />
              ))}
            </ul>
          )}
        </Card>
        <PendingLinks />
      </div>
      <AlertsFeed className="lg:col-span-2" />
    </div>
  );
}
