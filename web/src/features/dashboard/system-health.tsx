import { healthFromError } from '../../api/health.api';
import type { GatewayHealth } from '../../api/types';
import { t } from '../../i18n';
import { Badge } from '../../ui/badge';
import { ErrorState } from '../../ui/error-state';
import { SkeletonList } from '../../ui/skeleton';
import { useHealth } from './use-health';

function statusOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'status' in value && typeof value.status === 'string') return value.status;
  return 'unknown';
}

const HEALTHY = new Set(['ok', 'up', 'healthy']);

export function SystemHealth() {
  const health = useHealth();
  if (health.isPending) return <SkeletonList rows={2} />;
  // A degraded gateway may answer 503 carrying the report in `details`; show it when it does.
  const report: GatewayHealth | undefined = health.data ?? healthFromError(health.error);
  if (!report) return <ErrorState error={health.error} onRetry={() => void health.refetch()} compact />;
  const services = Object.entries(report.services ?? {});
  return (
    <div>
      <p className="mb-3 flex items-center gap-2 text-sm text-slate-700">
        {t('dashboard.admin.overall')}
        <Badge tone={HEALTHY.has(report.status) ? 'success' : 'warning'}>{report.status}</Badge>
      </p>
      <ul className="divide-y divide-slate-100">
        {services.map(([name, value]) => {
          const status = statusOf(value);
          return (
            <li key={name} className="flex items-center justify-between py-2 text-sm">
              <span className="font-medium text-slate-800">{name}</span>
              <Badge tone={HEALTHY.has(status) ? 'success' : 'danger'}>{status}</Badge>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
