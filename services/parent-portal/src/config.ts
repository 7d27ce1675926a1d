import { z } from 'zod';
import { env, eventsConfigShape, loadConfig, serviceConfigShape } from '@tec/shared';

export const parentPortalConfigShape = {
  ...serviceConfigShape,
  ...eventsConfigShape,
  /** HMAC key under which pairing codes are stored (a code has ~30 bits; a keyed hash keeps a dump useless). */
  PARENT_PORTAL_CODE_SECRET: z.string().min(32).default('dev-parent-portal-code-secret-change-me-0123456789'),
  /** Days a pairing code stays valid. */
  PARENT_PORTAL_CODE_TTL_DAYS: env.int(7),
  /** Unused, unexpired codes a student may hold at once. */
  PARENT_PORTAL_MAX_ACTIVE_CODES: env.int(5),
  /** Failed redemptions a parent account may make per window before it is locked out for the window. */
  PARENT_PORTAL_REDEEM_MAX_FAILURES: env.int(5),
  PARENT_PORTAL_REDEEM_WINDOW_MINUTES: env.int(15),
  /** Who approves links when no admin has chosen yet: `admin` or `course_teacher` (admins can always approve). */
  PARENT_PORTAL_DEFAULT_APPROVER: z.enum(['admin', 'course_teacher']).default('admin'),
  /** How often the digest and age-of-majority pass runs; 0 turns it off (tests drive it). */
  PARENT_PORTAL_JOB_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(300),
  /** Local hour (parent's time zone) from which the day's digests are sent. */
  PARENT_PORTAL_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  /** Timeout of the `chat.unreadSummary` call while building a digest; without an answer the field is left out. */
  PARENT_PORTAL_CHAT_TIMEOUT_MS: env.int(2000),
};

export type ParentPortalConfig = Readonly<z.infer<z.ZodObject<typeof parentPortalConfigShape>>>;

/** The one place the parent portal reads its environment. */
export function loadParentPortalConfig(source?: Record<string, string | undefined>): ParentPortalConfig {
  const config = loadConfig(parentPortalConfigShape, source);
  if (config.NODE_ENV === 'production' && config.PARENT_PORTAL_CODE_SECRET.startsWith('dev-')) {
    throw new Error('PARENT_PORTAL_CODE_SECRET: set a real secret in production');
  }
  return config;
}
