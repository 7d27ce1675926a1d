import { backoffDelayMs, nextAttemptAt } from './retry-policy';
import { retryAtFromHeaders } from './providers/sendgrid.provider';

const policy = { maxRetries: 3, baseDelayMs: 1000, maxDelayMs: 60_000 };

describe('retry policy', () => {
  it('doubles with equal jitter and caps', () => {
    expect(backoffDelayMs(1, policy, () => 0)).toBe(500);
    expect(backoffDelayMs(1, policy, () => 1)).toBe(1000);
    expect(backoffDelayMs(3, policy, () => 1)).toBe(4000);
    expect(backoffDelayMs(20, policy, () => 1)).toBe(60_000);
  });

  it('stops after maxRetries retries', () => {
    expect(nextAttemptAt(3, 'HTTP_500', null, policy, 0, () => 0)).not.toBeNull();
    expect(nextAttemptAt(4, 'HTTP_500', null, policy, 0, () => 0)).toBeNull();
  });

  it('waits for the rate-limit reset on 429, and never retries a 5xx earlier than the server asked', () => {
    const now = 1_000_000;
    expect(nextAttemptAt(1, 'HTTP_429', new Date(now + 30_000), policy, now, () => 0)!.getTime()).toBe(now + 30_000);
    expect(nextAttemptAt(1, 'HTTP_503', new Date(now + 30_000), policy, now, () => 0)!.getTime()).toBe(now + 30_000);
    expect(nextAttemptAt(1, 'HTTP_503', new Date(now + 10), policy, now, () => 0)!.getTime()).toBe(now + 500);
  });

  it('reads X-RateLimit-Reset (epoch seconds) and Retry-After (seconds or date)', () => {
    const now = Date.UTC(2030, 0, 1);
    expect(retryAtFromHeaders({ 'x-ratelimit-reset': String(now / 1000 + 5) }, now)?.getTime()).toBe(now + 5000);
    expect(retryAtFromHeaders({ 'retry-after': '7' }, now)?.getTime()).toBe(now + 7000);
    expect(retryAtFromHeaders({}, now)).toBeNull();
  });
});
