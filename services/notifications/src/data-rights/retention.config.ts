import { z } from 'zod';

/** Email log retention (docs/operations.md#data-rights). */
export const emailRetentionConfigShape = {
  /** Sent, delivered, bounced or failed emails (with their delivery events) older than this are deleted. 0 = keep forever. */
  EMAIL_LOG_RETENTION_DAYS: z.coerce.number().int().min(0).default(365),
  /** SendGrid webhook event ids (kept only to drop replays) older than this are deleted; at least the signature tolerance. */
  EMAIL_WEBHOOK_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  /** How often the purge runs; 0 = off (tests drive it). */
  EMAIL_RETENTION_JOB_SECONDS: z.coerce.number().int().min(0).default(3600),
};
