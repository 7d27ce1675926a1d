import { useRouteError } from 'react-router-dom';
import { t } from '../i18n';
import { ButtonLink } from '../ui/button';
import { ErrorState } from '../ui/error-state';

/** A render error shows a way out instead of a blank page. */
export function RouteError() {
  const error = useRouteError();
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <h1 className="mb-4 text-2xl font-semibold text-slate-900">{t('errors.pageCrashed')}</h1>
      <ErrorState error={error} />
      <ButtonLink to="/" className="mt-6">
        {t('nav.backHome')}
      </ButtonLink>
    </main>
  );
}
