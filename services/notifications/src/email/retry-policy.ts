/** Retry timing for 429, 5xx and timeouts: exponential backoff with jitter, and the provider's reset time when it names one. */
export interface RetryPolicy {
  /** Retries after the first attempt (EMAIL_MAX_RETRIES). */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** "Equal jitter": half the exponential delay fixed, half random, so retries of one burst spread out. */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

/**
 * When to try again, or null when the attempts are used up. A 429's reset time is authoritative (retry right
 * after it, plus up to a second of jitter); for 5xx and timeouts a server-given time only ever delays the backoff.
 */
export function nextAttemptAt(
  attemptsMade: number,
  code: string,
  providerRetryAt: Date | null,
  policy: RetryPolicy,
  now = Date.now(),
  random: () => number = Math.random,
): Date | null {
  if (attemptsMade > policy.maxRetries) return null;
  const backoff = now + backoffDelayMs(attemptsMade, policy, random);
  if (providerRetryAt && code === 'HTTP_429') return new Date(Math.max(now, providerRetryAt.getTime()) + Math.round(random() * 1000));
  return new Date(Math.max(backoff, providerRetryAt?.getTime() ?? 0));
}
