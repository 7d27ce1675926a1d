import { t } from '../i18n';
import { Spinner } from '../ui/spinner';

export function FullPageLoader() {
  return (
    <div role="status" className="flex min-h-dvh items-center justify-center gap-3 text-slate-600">
      <Spinner className="size-6 text-brand-700" />
      <span>{t('common.loadingApp')}</span>
    </div>
  );
}
