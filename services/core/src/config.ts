import { z } from 'zod';
import { env, eventsConfigShape, loadConfig, serviceConfigShape } from '@tec/shared';

export const coreConfigShape = {
  ...serviceConfigShape,
  ...eventsConfigShape,
  /** PEM files of the ES256 pair that signs access tokens (`npm start` creates a dev pair in .data/keys/). */
  JWT_PRIVATE_KEY_FILE: z.string().min(1).default('.data/keys/jwt-private.pem'),
  JWT_PUBLIC_KEY_FILE: z.string().min(1).default('.data/keys/jwt-public.pem'),
  JWT_ISSUER: z.string().min(1).default('tec-lms-core'),
  JWT_AUDIENCE: z.string().min(1).default('tec-lms'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** How often the missing-assignment job looks for passed due dates; 0 turns the job off (tests). */
  MISSING_ASSIGNMENT_SCAN_SECONDS: z.coerce.number().int().min(0).default(60),
  /** Only due dates this recent are reported missing, so an old backlog does not flood inboxes. */
  MISSING_ASSIGNMENT_LOOKBACK_DAYS: z.coerce.number().int().min(1).default(14),
  /** How often idle workers look for roster imports to resume (a new import starts at once); 0 = off. */
  ROSTER_IMPORT_POLL_SECONDS: z.coerce.number().int().min(0).default(5),
  ROSTER_IMPORT_CHUNK_SIZE: z.coerce.number().int().min(1).max(5000).default(200),
  ROSTER_IMPORT_MAX_ROWS: env.int(20_000),
};

export type CoreConfig = Readonly<z.infer<z.ZodObject<typeof coreConfigShape>>>;

/** The one place core reads its environment. */
export function loadCoreConfig(source?: Record<string, string | undefined>): CoreConfig {
  return loadConfig(coreConfigShape, source);
}
