import type { ReactNode } from 'react';
import type { HealthCheck, OutboxHealthCheck } from '../../api/types';
import { type MessageKey, t, tn } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { HealthStatusBadge } from './health-status-badge';
import { isServiceReport, type ServiceEntry } from './operations-view';

/** One service: its overall status and, when it answered, its database, NATS and outbox checks. */
export function ServiceHealthCard({ name, entry }: { name: string; entry: ServiceEntry }) {
  return (
    <li data-testid={`service-health-${name}`} data-status={entry.status} className="rounded-lg border border-slate-200 p-4">
      <div className="flex items-center justify-between gap-3">
        <h3 className="min-w-0 truncate font-semibold text-slate-900">{name}</h3>
        <HealthStatusBadge status={entry.status} />
      </div>
      {isServiceReport(entry) ? (
        <dl className="mt-3 space-y-3 border-t border-slate-100 pt-3">
          <CheckRow label="operations.check.database" check={entry.checks.database} />
          <CheckRow label="operations.check.nats" check={entry.checks.nats} />
          <CheckRow label="operations.check.outbox" check={entry.checks.outbox}>
            <OutboxDetail check={entry.checks.outbox} />
          </CheckRow>
        </dl>
      ) : (
        <p className="mt-2 text-sm break-words text-rose-800">{t('operations.health.unreachable', { error: entry.error })}</p>
      )}
    </li>
  );
}

function CheckRow({ label, check, children }: { label: MessageKey; check: HealthCheck; children?: ReactNode }) {
  const format = useFormat();
  // dt, then the badge (right, spanning both lines), then the details under the label.
  return (
    <div className="grid grid-cols-[1fr_auto] gap-x-3 text-sm">
      <dt className="font-medium text-slate-800">{t(label)}</dt>
      <dd className="row-span-2 self-start">
        <HealthStatusBadge status={check.status} />
      </dd>
      <dd className="text-xs text-slate-600">
        <p className="tabular-nums">{t('operations.check.latency', { latency: format.milliseconds(check.latencyMs) })}</p>
        {check.error && <p className="mt-0.5 break-words text-rose-800">{check.error}</p>}
        {children}
      </dd>
    </div>
  );
}

function OutboxDetail({ check }: { check: OutboxHealthCheck }) {
  const format = useFormat();
  return (
    <>
      <p className="mt-0.5 tabular-nums">
        {check.pending === 0
          ? t('operations.outbox.nonePending')
          : tn('operations.outbox.pending', check.pending, { count: format.number(check.pending) })}
      </p>
      {check.pending > 0 && (
        <p className="mt-0.5">
          {check.oldestAgeMs < 1_000
            ? t('operations.outbox.oldestUnderSecond')
            : t('operations.outbox.oldest', { age: format.duration(check.oldestAgeMs) })}
        </p>
      )}
    </>
  );
}
