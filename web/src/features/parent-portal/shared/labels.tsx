import type { AlertType, LinkStatus, Relationship } from '../../../api/parent-portal.api';
import { type MessageKey, t } from '../../../i18n';
import { Badge } from '../../../ui/badge';
import { LINK_STATUS_TONE } from './portal-logic';

export function relationshipLabel(relationship: Relationship): string {
  return t(`parentPortal.relationship.${relationship}` as MessageKey);
}

export function alertTypeLabel(type: AlertType): string {
  return t(`parentPortal.alertType.${type}` as MessageKey);
}

export function LinkStatusBadge({ status }: { status: LinkStatus }) {
  return (
    <Badge tone={LINK_STATUS_TONE[status]}>
      <span data-testid="link-status" data-status={status}>
        {t(`parentPortal.status.${status}` as MessageKey)}
      </span>
    </Badge>
  );
}

export function fullName(person: { firstName: string; lastName: string }): string {
  return `${person.firstName} ${person.lastName}`.trim();
}
