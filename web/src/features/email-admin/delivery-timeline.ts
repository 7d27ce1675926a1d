import type { DeliveryTimelineEntry, EmailStatus } from '../../api/email.api';
import type { BadgeTone } from '../../ui/badge';

/** Where each step sits in an email's life, for ordering entries that share a timestamp. */
const STEP_RANK: Record<string, number> = {
  event: 0,
  queued: 1,
  retried: 2,
  attempt_failed: 3,
  sent: 4,
  deferred: 5,
  delivered: 6,
  opened: 7,
  clicked: 8,
  bounced: 9,
  dropped: 9,
  spam_report: 10,
  unsubscribed: 10,
  suppressed: 11,
  failed: 12,
};

/** Oldest first; entries in the same millisecond follow the life cycle (queued before sent before delivered). */
export function orderTimeline(entries: readonly DeliveryTimelineEntry[]): DeliveryTimelineEntry[] {
  return entries
    .map((entry, index) => ({ entry, index, time: Date.parse(entry.at) }))
    .sort((a, b) => a.time - b.time || (STEP_RANK[a.entry.type] ?? 50) - (STEP_RANK[b.entry.type] ?? 50) || a.index - b.index)
    .map(({ entry }) => entry);
}

const BAD = new Set(['attempt_failed', 'bounced', 'dropped', 'failed', 'spam_report', 'suppressed']);
const GOOD = new Set(['sent', 'delivered', 'opened', 'clicked']);

export function stepTone(type: string): BadgeTone {
  if (BAD.has(type)) return 'danger';
  if (type === 'deferred' || type === 'unsubscribed' || type === 'retried') return 'warning';
  if (GOOD.has(type)) return 'success';
  return 'neutral';
}

const STATUS_TONES: Partial<Record<EmailStatus, BadgeTone>> = {
  pending: 'info',
  sending: 'info',
  sent: 'brand',
  deferred: 'warning',
  delivered: 'success',
  opened: 'success',
  clicked: 'success',
  bounced: 'danger',
  dropped: 'danger',
  failed: 'danger',
  suppressed: 'warning',
  skipped: 'neutral',
};

export function statusTone(status: string): BadgeTone {
  return STATUS_TONES[status as EmailStatus] ?? 'neutral';
}

/** Only an email that ended badly can be sent again; the server answers CONFLICT for anything else. */
export function canRetry(status: string): boolean {
  return status === 'failed' || status === 'bounced' || status === 'dropped';
}

/**
 * The human part of an entry's detail: the provider's reason, error message or code, whichever it recorded. The
 * rest of the detail stays available as JSON.
 */
export function entryReason(detail: Record<string, unknown> | null): string | null {
  if (!detail) return null;
  for (const key of ['reason', 'errorMessage', 'message', 'error', 'response', 'errorCode', 'code']) {
    const value = detail[key];
    if (typeof value === 'string' && value.trim()) return value;
  }
  return null;
}

/** Parses the sample-data editor's JSON: it must be an object (the template's variables by name). */
export function parseSampleData(text: string): { ok: true; data: Record<string, unknown> } | { ok: false; error: string } {
  if (!text.trim()) return { ok: true, data: {} };
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: 'not-object' };
    return { ok: true, data: value as Record<string, unknown> };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
