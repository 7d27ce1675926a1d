import { isApiError } from '../../api/api-error';
import type { GatewayHealth, ServiceHealthReport, ServiceUnreachable } from '../../api/types';
import type { MessageKey } from '../../i18n';
import type { BadgeTone } from '../../ui/badge';

export type ServiceEntry = ServiceHealthReport | ServiceUnreachable;

/** The service whose dead letters show first when the URL names none: the only one that runs today. */
export const DEFAULT_SERVICE = 'core';

export function isServiceReport(entry: ServiceEntry): entry is ServiceHealthReport {
  return 'checks' in entry && typeof entry.checks === 'object' && entry.checks !== null;
}

/** The report's services in the gateway's order (the order of its GATEWAY_SERVICES setting). */
export function serviceEntries(report: GatewayHealth | undefined): Array<[name: string, entry: ServiceEntry]> {
  return Object.entries(report?.services ?? {});
}

/**
 * The services to offer in the dead-letters selector: those in the health report, plus the selected one when the
 * report doesn't list it (a shared link, or health not loaded yet), so the select never shows a value it lacks.
 */
export function selectableServices(report: GatewayHealth | undefined, selected: string): string[] {
  const names = serviceEntries(report).map(([name]) => name);
  return names.includes(selected) ? names : [selected, ...names];
}

const TONES: Record<string, BadgeTone> = { ok: 'success', degraded: 'warning', down: 'danger' };
const LABELS: Record<string, MessageKey> = {
  ok: 'operations.status.ok',
  degraded: 'operations.status.degraded',
  down: 'operations.status.down',
};

/** A newer server may send a status this build doesn't know: show it as is, in a neutral badge. */
export function statusTone(status: string): BadgeTone {
  return TONES[status] ?? 'neutral';
}

export function statusLabelKey(status: string): MessageKey | undefined {
  return LABELS[status];
}

/**
 * A service that is not deployed answers 503 SERVICE_UNAVAILABLE: nothing is wrong, there is just nothing to show.
 * A network failure carries the same code but means the gateway itself was not reached, which is an error.
 */
export function isServiceNotRunning(error: unknown): boolean {
  return isApiError(error) && error.code === 'SERVICE_UNAVAILABLE' && !error.network;
}

const REASON_PREVIEW_CHARS = 90;

/** Whether a reason is long enough (or multi-line, like a stack) to start collapsed. */
export function isLongReason(reason: string): boolean {
  return reason.length > REASON_PREVIEW_CHARS || reason.includes('\n');
}

/** The envelope pretty-printed; anything JSON can't express (undefined, a cycle) still shows something. */
export function envelopeJson(envelope: unknown): string {
  if (envelope === undefined) return 'undefined';
  try {
    return JSON.stringify(envelope, null, 2) ?? String(envelope);
  } catch {
    return String(envelope);
  }
}
