import { t } from '../../../i18n';
import { useFormat } from '../../../i18n/use-format';
import { Card } from '../../../ui/card';
import { fullName, LinkStatusBadge, relationshipLabel } from '../shared/labels';
import { useLinks } from './use-my-links';

/** Links that don't show a child yet (waiting for the school or for an adult child's consent), and why. */
export function PendingLinks() {
  const links = useLinks();
  const format = useFormat();
  const waiting = (links.data ?? []).filter((link) => link.status === 'pending_approval' || link.status === 'pending_consent' || link.status === 'consent_withdrawn');
  if (waiting.length === 0) return null;
  return (
    <Card title={t('parentPortal.pending.title')} testId="parent-pending-links">
      <ul className="divide-y divide-slate-200">
        {waiting.map((link) => (
          <li key={link.id} className="py-3" data-testid="pending-link">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium text-slate-900">{fullName(link.student)}</span>
              <span className="text-sm text-slate-600">{relationshipLabel(link.relationship)}</span>
              <LinkStatusBadge status={link.status} />
            </div>
            <p className="mt-1 text-sm text-slate-700">
              {link.status === 'pending_approval'
                ? t('parentPortal.pending.approvalBody')
                : link.status === 'pending_consent'
                  ? t('parentPortal.pending.consentBody')
                  : t('parentPortal.pending.withdrawnBody')}
            </p>
            <p className="mt-1 text-xs text-slate-600">{t('parentPortal.pending.requested', { date: format.date(link.requestedAt) })}</p>
          </li>
        ))}
      </ul>
    </Card>
  );
}
