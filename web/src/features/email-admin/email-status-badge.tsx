import { type MessageKey, t } from '../../i18n';
import { Badge } from '../../ui/badge';
import { statusTone, stepTone } from './delivery-timeline';

const STATUS_KEYS: Record<string, MessageKey> = {
  pending: 'email.status.pending',
  sending: 'email.status.sending',
  sent: 'email.status.sent',
  deferred: 'email.status.deferred',
  delivered: 'email.status.delivered',
  opened: 'email.status.opened',
  clicked: 'email.status.clicked',
  bounced: 'email.status.bounced',
  dropped: 'email.status.dropped',
  failed: 'email.status.failed',
  suppressed: 'email.status.suppressed',
  skipped: 'email.status.skipped',
};

const STEP_KEYS: Record<string, MessageKey> = {
  ...STATUS_KEYS,
  event: 'email.step.event',
  queued: 'email.step.queued',
  attempt_failed: 'email.step.attempt_failed',
  spam_report: 'email.step.spam_report',
  unsubscribed: 'email.step.unsubscribed',
  retried: 'email.step.retried',
};

export function statusLabel(status: string): string {
  const key = STATUS_KEYS[status];
  return key ? t(key) : status;
}

export function stepLabel(type: string): string {
  const key = STEP_KEYS[type];
  return key ? t(key) : type;
}

export function EmailStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={statusTone(status)} className="whitespace-nowrap">
      {statusLabel(status)}
    </Badge>
  );
}

export function StepBadge({ type }: { type: string }) {
  return <Badge tone={stepTone(type)}>{stepLabel(type)}</Badge>;
}
