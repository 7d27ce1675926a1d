import { t } from '../../i18n';
import { Badge } from '../../ui/badge';
import { statusLabelKey, statusTone } from './operations-view';

export function HealthStatusBadge({ status, className }: { status: string; className?: string }) {
  const label = statusLabelKey(status);
  return (
    <Badge tone={statusTone(status)} className={className}>
      {label ? t(label) : status}
    </Badge>
  );
}
