import { z } from 'zod';
import { env, eventsConfigShape, loadConfig, serviceConfigShape } from '@tec/shared';

export const chatConfigShape = {
  ...serviceConfigShape,
  ...eventsConfigShape,
  /** Attachment files (local-disk storage, the AttachmentStorage implementation in use). */
  CHAT_ATTACHMENTS_DIR: z.string().min(1).default('.data/chat-attachments'),
  /** How often the unread-reminder pass and the presence sweep run; 0 turns them off (tests call them directly). */
  CHAT_JOB_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(30),
  /** A connection not heard of in this long (no heartbeat from its gateway) counts as gone. */
  CHAT_PRESENCE_STALE_SECONDS: z.coerce.number().int().min(5).default(45),
  /** The policy row is cached this long per instance (sends read it on every message). */
  CHAT_POLICY_CACHE_MS: env.int(5000),
};

export type ChatConfig = Readonly<z.infer<z.ZodObject<typeof chatConfigShape>>>;

/** The one place the chat service reads its environment. */
export function loadChatConfig(source?: Record<string, string | undefined>): ChatConfig {
  return loadConfig(chatConfigShape, source);
}
