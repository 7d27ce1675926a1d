import { t } from '../i18n';
import { ButtonLink } from '../ui/button';
import { EmptyState } from '../ui/empty-state';
import { SearchIcon } from '../ui/icons';
import { useDocumentTitle } from './use-document-title';

export function NotFoundPage() {
  useDocumentTitle(t('notFound.title'));
  return (
    <EmptyState icon={<SearchIcon />} title={t('notFound.title')} action={<ButtonLink to="/">{t('nav.backHome')}</ButtonLink>}>
      {t('notFound.body')}
    </EmptyState>
  );
}
