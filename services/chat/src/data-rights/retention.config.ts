import { z } from 'zod';

/** Safeguarding copy retention (docs/operations.md#data-rights). */
export const chatRetentionConfigShape = {
  /**
   * Days a deleted message keeps its text and attachment for the admins' safeguarding review (counted from the
   * deletion); a message with an open report is kept until the report is decided. 0 = keep forever.
   */
  CHAT_SAFEGUARDING_RETENTION_DAYS: z.coerce.number().int().min(0).default(90),
  /** How often the purge runs; 0 = off (tests drive it). */
  CHAT_RETENTION_JOB_SECONDS: z.coerce.number().int().min(0).default(3600),
};
