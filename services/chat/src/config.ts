import { z } from 'zod';
import { ATTACHMENT_DEFAULT_MAX_BYTES, ATTACHMENT_HARD_MAX_BYTES, env, eventsConfigShape, loadConfig, serviceConfigShape } from '@tec/shared';
import { chatRetentionConfigShape } from './data-rights/retention.config';

export const chatConfigShape = {
  ...serviceConfigShape,
  ...eventsConfigShape,
  ...chatRetentionConfigShape,
  /** `local` (default): files under CHAT_ATTACHMENTS_DIR. `s3`: an S3-compatible bucket (docs/setup/chat-attachments.md). */
  CHAT_STORAGE: z.enum(['local', 's3']).default('local'),
  CHAT_ATTACHMENTS_DIR: z.string().min(1).default('.data/chat-attachments'),
  /**
   * The largest attachment this deployment accepts (bytes; default 25 MB, at most 100 MB). The school's policy limit
   * can be set up to this; files travel through the chat-transfers object store (docs/setup/chat-attachments.md).
   */
  CHAT_ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(ATTACHMENT_HARD_MAX_BYTES).default(ATTACHMENT_DEFAULT_MAX_BYTES),
  /** S3 API endpoint, path-style: https://s3.<region>.amazonaws.com, http://minio:9000, … */
  CHAT_S3_ENDPOINT: z.url().optional(),
  CHAT_S3_REGION: z.string().min(1).default('us-east-1'),
  CHAT_S3_BUCKET: z.string().min(3).optional(),
  CHAT_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  CHAT_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** How often the unread-reminder pass and the presence sweep run; 0 turns them off (tests call them directly). */
  CHAT_JOB_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(30),
  /** A connection not heard of in this long (no heartbeat from its gateway) counts as gone. */
  CHAT_PRESENCE_STALE_SECONDS: z.coerce.number().int().min(5).default(45),
  /** Plain messages are written in group-commit batches; this many batches (lanes of conversations) at once. */
  CHAT_SEND_LANES: z.coerce.number().int().min(1).max(32).default(2),
  /** The policy row is cached this long per instance (sends read it on every message). */
  CHAT_POLICY_CACHE_MS: env.int(5000),
};

export type ChatConfig = Readonly<z.infer<z.ZodObject<typeof chatConfigShape>>>;

/** The one place the chat service reads its environment. */
export function loadChatConfig(source?: Record<string, string | undefined>): ChatConfig {
  const config = loadConfig(chatConfigShape, source);
  if (config.CHAT_STORAGE === 's3') {
    const missing = (['CHAT_S3_ENDPOINT', 'CHAT_S3_BUCKET', 'CHAT_S3_ACCESS_KEY_ID', 'CHAT_S3_SECRET_ACCESS_KEY'] as const).filter((name) => !config[name]);
    if (missing.length > 0) throw new Error(`Invalid configuration:\n${missing.map((name) => `  - ${name}: required when CHAT_STORAGE=s3`).join('\n')}`);
  }
  return config;
}
