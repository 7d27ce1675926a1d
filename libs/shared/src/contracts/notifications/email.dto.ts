import { z } from 'zod';
import { NotificationCategory } from './notification.dto';

/**
 * Email delivery status. The state machine: pending → sending → sent → (deferred) → delivered → opened →
 * clicked, or failed (retries exhausted or a permanent 4xx), bounced or dropped. `suppressed` and `skipped`
 * (template off, preferences) never reach the provider. Statuses are stored: add, never rename.
 */
export const EMAIL_STATUSES = [
  'pending',
  'sending',
  'sent',
  'deferred',
  'delivered',
  'opened',
  'clicked',
  'bounced',
  'dropped',
  'failed',
  'suppressed',
  'skipped',
] as const;
export const EmailStatus = z.enum(EMAIL_STATUSES);
export type EmailStatus = z.infer<typeof EmailStatus>;

export const TemplateName = z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'lower-case letters, digits and _');

export const TemplateVariable = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  required: z.boolean(),
  description: z.string(),
});

export const EmailTemplateView = z.object({
  name: TemplateName,
  category: NotificationCategory,
  description: z.string(),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  variables: z.array(TemplateVariable),
  /** Data the preview and the test send use when none is given. */
  sampleData: z.record(z.string(), z.unknown()),
  active: z.boolean(),
  version: z.number().int(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.uuid().nullable(),
});
export type EmailTemplateView = z.infer<typeof EmailTemplateView>;

export const TemplateVersionView = z.object({
  version: z.number().int(),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  createdAt: z.iso.datetime(),
  createdBy: z.uuid().nullable(),
});

export const TemplateByName = z.object({ name: TemplateName });
export const TemplateUpdateRequest = z.object({
  name: TemplateName,
  subject: z.string().trim().min(1).max(255),
  html: z.string().min(1).max(100_000),
  text: z.string().min(1).max(50_000),
  variables: z.array(TemplateVariable).max(50).optional(),
  sampleData: z.record(z.string(), z.unknown()).optional(),
  /** The version the editor loaded: a newer one saved meanwhile answers CONFLICT instead of being overwritten. */
  expectedVersion: z.number().int().optional(),
});
export const TemplateActiveRequest = z.object({ name: TemplateName, active: z.boolean() });
export const TemplatePreviewRequest = z.object({
  name: TemplateName,
  /** Unsaved edits to preview; the stored template when omitted. */
  subject: z.string().max(255).optional(),
  html: z.string().max(100_000).optional(),
  text: z.string().max(50_000).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export const TemplatePreview = z.object({
  subject: z.string(),
  /** The full email HTML (layout included), safe to show in a sandboxed iframe. */
  html: z.string(),
  text: z.string(),
  missingVariables: z.array(z.string()),
});
export const TemplateTestSendRequest = z.object({
  name: TemplateName,
  /** Defaults to the caller's own address. */
  to: z.string().trim().toLowerCase().pipe(z.email()).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export const TestSendQueued = z.object({ deliveryId: z.uuid(), to: z.string(), status: EmailStatus });
export const TemplatesList = z.object({ items: z.array(EmailTemplateView) });
export const TemplateDetail = EmailTemplateView.extend({ versions: z.array(TemplateVersionView) });

export const DeliveryView = z.object({
  id: z.uuid(),
  recipientEmail: z.string(),
  userId: z.uuid().nullable(),
  templateName: z.string(),
  category: NotificationCategory,
  subject: z.string(),
  status: EmailStatus,
  attempts: z.number().int(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  eventSubject: z.string().nullable(),
  queuedAt: z.iso.datetime(),
  nextAttemptAt: z.iso.datetime().nullable(),
  sentAt: z.iso.datetime().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  openedAt: z.iso.datetime().nullable(),
});
export type DeliveryView = z.infer<typeof DeliveryView>;
export const DeliveriesListRequest = z.object({
  /** Contains, case-insensitive: recipient email or subject. */
  search: z.string().trim().max(200).optional(),
  status: EmailStatus.optional(),
  templateName: TemplateName.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export const DeliveriesPage = z.object({ items: z.array(DeliveryView), nextCursor: z.string().nullable() });
export const DeliveryTimelineEntry = z.object({
  /** event (the domain event arrived), queued, attempt_failed, sent, deferred, delivered, opened, clicked, bounced, dropped, failed, suppressed, spam_report, unsubscribed, retried. */
  type: z.string(),
  at: z.iso.datetime(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export const DeliveryDetail = DeliveryView.extend({ timeline: z.array(DeliveryTimelineEntry) });
export const DeliveryById = z.object({ deliveryId: z.uuid() });

export const QueueStats = z.object({
  pending: z.number().int(),
  /** Of which waiting for a retry (after a 429, a 5xx or a timeout). */
  retrying: z.number().int(),
  sentToday: z.number().int(),
  failedToday: z.number().int(),
  /** Sent / (sent + failed + bounced + dropped) over the last 24 hours, 0..100; null when nothing was sent. */
  successRate: z.number().nullable(),
  oldestPendingAt: z.iso.datetime().nullable(),
});
export const QueueProcessed = z.object({ processed: z.number().int(), sent: z.number().int(), failed: z.number().int(), retrying: z.number().int() });

export const AnalyticsRequest = z.object({
  days: z.coerce.number().int().min(1).max(365).default(30),
  templateName: TemplateName.optional(),
});
export const AnalyticsDay = z.object({
  date: z.iso.date(),
  sent: z.number().int(),
  delivered: z.number().int(),
  bounced: z.number().int(),
  dropped: z.number().int(),
  failed: z.number().int(),
  opened: z.number().int(),
  clicked: z.number().int(),
});
export const AnalyticsTemplateTotals = AnalyticsDay.omit({ date: true }).extend({
  templateName: z.string(),
  /** Percentages of sent, 0..100 with two decimals; null when nothing was sent. */
  deliveryRate: z.number().nullable(),
  bounceRate: z.number().nullable(),
  openRate: z.number().nullable(),
  clickRate: z.number().nullable(),
});
export const EmailAnalytics = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  /** One entry per day (zeros included), oldest first: the chart's series. */
  days: z.array(AnalyticsDay),
  templates: z.array(AnalyticsTemplateTotals),
});

export const SUPPRESSION_REASONS = ['hard_bounce', 'spam_report', 'unsubscribe', 'dropped', 'manual'] as const;
export const SuppressionReason = z.enum(SUPPRESSION_REASONS);
export const SuppressionView = z.object({
  email: z.string(),
  reason: SuppressionReason,
  detail: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export const SuppressionsListRequest = z.object({
  search: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export const SuppressionsPage = z.object({ items: z.array(SuppressionView), nextCursor: z.string().nullable() });
export const SuppressionRemoveRequest = z.object({ email: z.string().trim().toLowerCase() });
export const DeadContactView = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.string(),
  reason: SuppressionReason,
  detail: z.string().nullable(),
  since: z.iso.datetime(),
});
export const DeadContactsList = z.object({ items: z.array(DeadContactView) });
