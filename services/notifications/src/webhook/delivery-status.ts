import type { EmailStatus } from '@tec/shared';
import type { AnalyticsCounter } from '../analytics/analytics.repository';

/** SendGrid Event Webhook event types we act on. */
export type SendGridEventType = 'processed' | 'deferred' | 'delivered' | 'open' | 'click' | 'bounce' | 'dropped' | 'spamreport' | 'unsubscribe' | 'group_unsubscribe';

/**
 * How far along a delivery is. Events may arrive out of order (an open before its delivered); the status only
 * moves forward, and the failures (bounced, dropped) win over anything before delivery.
 */
const RANK: Record<EmailStatus, number> = {
  pending: 0,
  sending: 1,
  skipped: 1,
  suppressed: 1,
  failed: 2,
  sent: 2,
  deferred: 3,
  delivered: 4,
  bounced: 5,
  dropped: 5,
  opened: 6,
  clicked: 7,
};

const TARGET: Partial<Record<SendGridEventType, EmailStatus>> = {
  processed: 'sent',
  deferred: 'deferred',
  delivered: 'delivered',
  open: 'opened',
  click: 'clicked',
  bounce: 'bounced',
  dropped: 'dropped',
};

const COUNTER: Partial<Record<SendGridEventType, AnalyticsCounter>> = {
  deferred: 'deferred',
  delivered: 'delivered',
  open: 'opened',
  click: 'clicked',
  bounce: 'bounced',
  dropped: 'dropped',
};

export interface Transition {
  /** The new status, or null to keep the current one (the event still lands in the timeline). */
  status: EmailStatus | null;
  /** The analytics counter to bump: only the first event of a kind per delivery counts (unique opens). */
  counter: AnalyticsCounter | null;
}

export function transition(current: EmailStatus, event: SendGridEventType, alreadySeen: boolean): Transition {
  const target = TARGET[event] ?? null;
  const counter = alreadySeen ? null : (COUNTER[event] ?? null);
  if (!target) return { status: null, counter };
  // A bounce after "delivered" (an asynchronous bounce) still counts as a bounce.
  if ((target === 'bounced' || target === 'dropped') && RANK[current] <= RANK.delivered) return { status: target, counter };
  if (current === 'bounced' || current === 'dropped') return { status: null, counter };
  return { status: RANK[target] > RANK[current] ? target : null, counter };
}
