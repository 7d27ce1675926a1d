import { Link, useSearchParams } from 'react-router-dom';
import type { EmailStatus } from '../../api/email.api';
import { type MessageKey, t } from '../../i18n';
import { useDocumentTitle } from '../../layout/use-document-title';
import { cx } from '../../ui/class-names';
import { PageHeader } from '../../ui/page-header';
import { AnalyticsPanel } from './analytics-panel';
import { ContactsPanel } from './contacts-panel';
import { DeliveriesPanel } from './deliveries-panel';
import { QueueStatsTiles } from './queue-stats-tiles';
import { TemplatesPanel } from './templates-panel';

const TABS = ['overview', 'templates', 'deliveries', 'contacts'] as const;
type Tab = (typeof TABS)[number];
const TAB_KEYS: Record<Tab, MessageKey> = {
  overview: 'email.tab.overview',
  templates: 'email.tab.templates',
  deliveries: 'email.tab.deliveries',
  contacts: 'email.tab.contacts',
};

/** The email dashboard. The section and the log's filters live in the URL, so a reload or a shared link shows the same view. */
export function EmailAdminPage() {
  useDocumentTitle(t('email.title'));
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'overview';
  const search = params.get('q') ?? '';
  const status = (params.get('status') ?? '') as EmailStatus | '';

  return (
    <>
      <PageHeader title={t('email.title')} description={t('email.subtitle')} testId="email-heading" />
      <nav aria-label={t('email.sections')} className="-mx-4 mb-6 overflow-x-auto px-4 sm:mx-0 sm:px-0">
        <ul className="flex min-w-max gap-1 border-b border-slate-200">
          {TABS.map((name) => (
            <li key={name}>
              <Link
                to={name === 'overview' ? '/admin/email' : `/admin/email?tab=${name}`}
                aria-current={tab === name ? 'page' : undefined}
                className={cx(
                  '-mb-px block border-b-2 px-3 py-2.5 text-sm font-medium',
                  tab === name ? 'border-brand-700 text-brand-800' : 'border-transparent text-slate-600 hover:text-slate-900',
                )}
                data-testid={`email-tab-${name}`}
              >
                {t(TAB_KEYS[name])}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="space-y-6">
        {tab === 'overview' && (
          <>
            <QueueStatsTiles />
            <AnalyticsPanel />
          </>
        )}
        {tab === 'templates' && <TemplatesPanel />}
        {tab === 'deliveries' && (
          <DeliveriesPanel
            search={search}
            status={status}
            onChange={(next) => {
              const query: Record<string, string> = { tab: 'deliveries' };
              if (next.search) query.q = next.search;
              if (next.status) query.status = next.status;
              setParams(query, { replace: true });
            }}
          />
        )}
        {tab === 'contacts' && <ContactsPanel />}
      </div>
    </>
  );
}
