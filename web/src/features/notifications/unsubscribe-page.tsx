import { Link, useSearchParams } from 'react-router-dom';
import { t } from '../../i18n';
import { useDocumentTitle } from '../../layout/use-document-title';
import { Button } from '../../ui/button';
import { EmptyState } from '../../ui/empty-state';
import { ErrorState } from '../../ui/error-state';
import { AlertIcon, CheckIcon, MailIcon } from '../../ui/icons';
import { SkeletonList } from '../../ui/skeleton';
import { categoryLabelKey } from './notification-view';
import { useConfirmUnsubscribe } from './use-confirm-unsubscribe';
import { useUnsubscribeLanding } from './use-unsubscribe-landing';

/**
 * The landing page of every email's unsubscribe link. Public (no sign-in): the signed token names the address and
 * the category. Opening it changes nothing (mail scanners follow links); the button confirms with a POST.
 */
export function UnsubscribePage() {
  useDocumentTitle(t('unsubscribe.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const landing = useUnsubscribeLanding(token);
  const confirm = useConfirmUnsubscribe(token);
  const data = landing.data;
  const categoryKey = data?.category ? categoryLabelKey(data.category) : undefined;
  const what = data?.category ? (categoryKey ? t(categoryKey) : data.category) : null;

  return (
    <main id="main" className="grid min-h-dvh place-items-center bg-slate-50 px-4 py-10">
      <div className="w-full max-w-md rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8" data-testid="unsubscribe-page">
        <div className="mb-5 flex items-center gap-2.5 font-semibold text-slate-900">
          <span className="grid size-8 place-items-center rounded-lg bg-brand-700 text-sm font-bold text-white" aria-hidden="true">
            T
          </span>
          {t('app.name')}
        </div>
        <h1 className="page-heading text-xl font-semibold text-slate-900">{t('unsubscribe.title')}</h1>
        <div className="mt-4" aria-live="polite">
          {!token ? (
            <EmptyState icon={<AlertIcon />} title={t('unsubscribe.missingTitle')}>
              {t('unsubscribe.missingBody')}
            </EmptyState>
          ) : landing.isPending ? (
            <SkeletonList rows={2} />
          ) : landing.isError ? (
            <ErrorState error={landing.error} onRetry={() => void landing.refetch()} retrying={landing.isFetching} />
          ) : data?.unsubscribed ? (
            <EmptyState icon={<CheckIcon />} title={t('unsubscribe.doneTitle')} testId="unsubscribe-done">
              {what ? t('unsubscribe.doneCategory', { email: data.email, category: what }) : t('unsubscribe.doneAll', { email: data.email })}
            </EmptyState>
          ) : data ? (
            <div className="space-y-4 text-sm text-slate-700">
              <div className="flex gap-3 rounded-lg bg-slate-50 p-3">
                <MailIcon className="mt-0.5 size-5 shrink-0 text-brand-700" />
                <p>
                  {what
                    ? t('unsubscribe.confirmCategory', { email: data.email, category: what })
                    : t('unsubscribe.confirmAll', { email: data.email })}
                </p>
              </div>
              <p>{t('unsubscribe.inAppStays')}</p>
              {confirm.isError && <ErrorState error={confirm.error} compact />}
              <Button className="w-full" onClick={() => confirm.mutate()} loading={confirm.isPending} data-testid="unsubscribe-confirm">
                {t('unsubscribe.confirm')}
              </Button>
            </div>
          ) : null}
        </div>
        <p className="mt-6 text-center text-sm text-slate-600">
          <Link to="/notifications/preferences" className="font-medium text-brand-700 hover:underline">
            {t('unsubscribe.manage')}
          </Link>
        </p>
      </div>
    </main>
  );
}
