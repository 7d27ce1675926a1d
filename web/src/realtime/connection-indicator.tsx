import { type MessageKey, t } from '../i18n';
import { cx } from '../ui/class-names';
import type { ConnectionStatus } from './realtime-client';
import { useConnectionStatus } from './use-connection-status';

const dots: Record<ConnectionStatus, string> = {
  idle: 'bg-slate-400',
  connecting: 'bg-amber-500 animate-pulse',
  online: 'bg-emerald-500',
  reconnecting: 'bg-amber-500 animate-pulse',
  offline: 'bg-slate-400',
  error: 'bg-rose-600',
};

const labels: Record<ConnectionStatus, MessageKey> = {
  idle: 'realtime.idle',
  connecting: 'realtime.connecting',
  online: 'realtime.online',
  reconnecting: 'realtime.reconnecting',
  offline: 'realtime.offline',
  error: 'realtime.error',
};

/** A dot plus words (color alone carries no meaning for everyone); the words hide on narrow screens but stay readable. */
export function ConnectionIndicator() {
  const status = useConnectionStatus();
  const label = t(labels[status]);
  return (
    <span
      className="inline-flex items-center gap-2 rounded-full border border-slate-200 bg-white px-2.5 py-1 text-xs font-medium text-slate-700"
      title={label}
      data-testid="connection-indicator"
      data-status={status}
    >
      <span className={cx('size-2 rounded-full', dots[status])} aria-hidden="true" />
      <span className="sr-only sm:not-sr-only">{label}</span>
    </span>
  );
}
