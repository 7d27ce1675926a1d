import { useSearchParams } from 'react-router-dom';
import { t } from '../../i18n';
import { useDocumentTitle } from '../../layout/use-document-title';
import { PageHeader } from '../../ui/page-header';
import { DeadLettersPanel } from './dead-letters-panel';
import { HealthPanel } from './health-panel';
import { DEFAULT_SERVICE } from './operations-view';
import { useSystemHealth } from './use-system-health';

export function OperationsPage() {
  useDocumentTitle(t('operations.title'));
  // The selected service lives in the URL, so a reload or a shared link shows the same dead letters.
  const [params, setParams] = useSearchParams();
  const service = params.get('service') || DEFAULT_SERVICE;
  // Same query as the health panel (one fetch): the selector lists the services the report names.
  const health = useSystemHealth();

  return (
    <>
      <PageHeader title={t('operations.title')} description={t('operations.subtitle')} testId="operations-heading" />
      <div className="space-y-6">
        <HealthPanel />
        <DeadLettersPanel
          service={service}
          report={health.data}
          onServiceChange={(next) => setParams(next === DEFAULT_SERVICE ? {} : { service: next }, { replace: true })}
        />
      </div>
    </>
  );
}
