import type { UserAuthContext } from '../contracts/auth-context';
import type { Role } from '../contracts/roles';
import { isDomainError } from '../errors/domain-error';

/** The AuthContext the gateway would send for this user (tests call services' RPCs as someone). */
export function asUser(user: { id: string; role: Role }, sessionId?: string): UserAuthContext {
  return { kind: 'user', userId: user.id, role: user.role, ...(sessionId ? { sessionId } : {}) };
}

/** The error code a call fails with, or 'ok': break-in tests assert on codes, never on messages. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
}

/**
 * Polls until `probe` gives a truthy value (a read model caught up, a push arrived) and returns it; fails naming
 * `what` after `timeoutMs`. For eventually consistent state only: never a substitute for awaiting a call.
 */
export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
