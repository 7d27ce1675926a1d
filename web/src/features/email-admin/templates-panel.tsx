import { Link } from 'react-router-dom';
import type { EmailTemplateView } from '../../api/email.api';
import { t } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { ErrorState } from '../../ui/error-state';
import { InboxIcon } from '../../ui/icons';
import { SkeletonList } from '../../ui/skeleton';
import { useToast } from '../../ui/toast';
import { categoryLabelKey } from '../notifications/notification-view';
import { useEmailTemplates } from './use-email-templates';
import { useSetTemplateActive } from './use-set-template-active';

export function TemplatesPanel() {
  const templates = useEmailTemplates();
  return (
    <Card title={t('email.templates.title')} description={t('email.templates.hint')} testId="templates">
      {templates.isPending ? (
        <SkeletonList rows={5} />
      ) : templates.isError ? (
        <ErrorState error={templates.error} onRetry={() => void templates.refetch()} retrying={templates.isFetching} />
      ) : templates.data.items.length === 0 ? (
        <EmptyState icon={<InboxIcon />} title={t('email.templates.empty')} />
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="templates-list">
          {templates.data.items.map((template) => (
            <TemplateRow key={template.name} template={template} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function TemplateRow({ template }: { template: EmailTemplateView }) {
  const format = useFormat();
  const toggle = useSetTemplateActive();
  const toast = useToast();
  const categoryKey = categoryLabelKey(template.category);
  const pendingActive = toggle.isPending ? toggle.variables.active : template.active;

  function onToggle() {
    const active = !template.active;
    toggle.mutate(
      { name: template.name, active },
      {
        onSuccess: () => toast.show({ kind: 'success', message: t(active ? 'email.templates.turnedOn' : 'email.templates.turnedOff', { name: template.name }) }),
        onError: (error) => toast.show({ kind: 'error', message: t('email.templates.toggleFailed', { name: template.name }), detail: error.message }),
      },
    );
  }

  return (
    <li className="flex flex-col gap-3 py-4 sm:flex-row sm:items-center" data-testid={`template-${template.name}`}>
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2">
          <Link to={`/admin/email/templates/${encodeURIComponent(template.name)}`} className="font-mono text-sm font-semibold text-brand-700 hover:underline">
            {template.name}
          </Link>
          <span className="text-xs text-slate-600">{categoryKey ? t(categoryKey) : template.category}</span>
        </p>
        <p className="mt-0.5 truncate text-sm text-slate-800">{template.subject}</p>
        <p className="mt-0.5 text-xs text-slate-600">
          {t('email.templates.version', { version: template.version })} · <time dateTime={template.updatedAt}>{format.dateTime(template.updatedAt)}</time>
        </p>
      </div>
      <div className="flex items-center gap-2 text-sm text-slate-700">
        <button
          type="button"
          role="switch"
          aria-checked={pendingActive}
          aria-label={t('email.templates.activeLabel', { name: template.name })}
          onClick={onToggle}
          disabled={toggle.isPending}
          data-testid={`template-active-${template.name}`}
          className={`relative h-6 w-11 shrink-0 rounded-full transition-colors focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 focus-visible:outline-none disabled:opacity-60 ${pendingActive ? 'bg-brand-700' : 'bg-slate-300'}`}
        >
          <span className={`absolute top-0.5 left-0.5 size-5 rounded-full bg-white shadow transition-transform ${pendingActive ? 'translate-x-5' : ''}`} />
        </button>
        <span aria-hidden="true">{pendingActive ? t('email.templates.on') : t('email.templates.off')}</span>
      </div>
    </li>
  );
}
