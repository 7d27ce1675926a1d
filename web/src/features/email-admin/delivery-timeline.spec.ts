import type { DeliveryTimelineEntry } from '../../api/email.api';
import { canRetry, entryReason, orderTimeline, parseSampleData, statusTone, stepTone } from './delivery-timeline';

const at = (seconds: number) => new Date(Date.UTC(2026, 2, 1, 12, 0, seconds)).toISOString();

describe('delivery timeline', () => {
  it('orders by time, and by life-cycle step within the same instant', () => {
    const entries: DeliveryTimelineEntry[] = [
      { type: 'delivered', at: at(5), detail: null },
      { type: 'sent', at: at(1), detail: null },
      { type: 'queued', at: at(0), detail: null },
      { type: 'event', at: at(0), detail: null },
      { type: 'opened', at: at(9), detail: null },
    ];
    expect(orderTimeline(entries).map((entry) => entry.type)).toEqual(['event', 'queued', 'sent', 'delivered', 'opened']);
  });

  it('keeps the server order for unknown steps at the same instant', () => {
    const entries: DeliveryTimelineEntry[] = [
      { type: 'mystery_b', at: at(0), detail: null },
      { type: 'mystery_a', at: at(0), detail: null },
    ];
    expect(orderTimeline(entries).map((entry) => entry.type)).toEqual(['mystery_b', 'mystery_a']);
  });

  it('colours failures red and successes green', () => {
    expect(stepTone('failed')).toBe('danger');
    expect(stepTone('attempt_failed')).toBe('danger');
    expect(stepTone('delivered')).toBe('success');
    expect(stepTone('deferred')).toBe('warning');
    expect(stepTone('queued')).toBe('neutral');
    expect(statusTone('bounced')).toBe('danger');
    expect(statusTone('something-new')).toBe('neutral');
  });

  it('allows a retry only for failed, bounced or dropped emails', () => {
    expect(canRetry('failed')).toBe(true);
    expect(canRetry('bounced')).toBe(true);
    expect(canRetry('dropped')).toBe(true);
    expect(canRetry('delivered')).toBe(false);
    expect(canRetry('pending')).toBe(false);
  });

  it('finds the reason in a detail record', () => {
    expect(entryReason({ errorCode: '400', errorMessage: 'Invalid recipient' })).toBe('Invalid recipient');
    expect(entryReason({ reason: '550 mailbox unavailable' })).toBe('550 mailbox unavailable');
    expect(entryReason({ attempt: 2 })).toBeNull();
    expect(entryReason(null)).toBeNull();
  });

  it('parses sample data as a JSON object only', () => {
    expect(parseSampleData('{"student_name":"Ana"}')).toEqual({ ok: true, data: { student_name: 'Ana' } });
    expect(parseSampleData('')).toEqual({ ok: true, data: {} });
    expect(parseSampleData('[1]')).toEqual({ ok: false, error: 'not-object' });
    expect(parseSampleData('{oops').ok).toBe(false);
  });
});
