import type {
  DeadContactsList as DeadContactsListSchema,
  DeadContactView as DeadContactViewSchema,
  DeliveriesPage as DeliveriesPageSchema,
  DeliveryDetail as DeliveryDetailSchema,
  DeliveryTimelineEntry as DeliveryTimelineEntrySchema,
  EmailAnalytics as EmailAnalyticsSchema,
  AnalyticsDay as AnalyticsDaySchema,
  AnalyticsTemplateTotals as AnalyticsTemplateTotalsSchema,
  QueueStats as QueueStatsSchema,
  SuppressionsPage as SuppressionsPageSchema,
  SuppressionView as SuppressionViewSchema,
  TemplateDetail as TemplateDetailSchema,
  TemplatePreview as TemplatePreviewSchema,
  TemplatesList as TemplatesListSchema,
  TestSendQueued as TestSendQueuedSchema,
} from '@tec/shared/contracts';
import type { EmailStatus, EmailTemplateView } from '@tec/shared/contracts';
import type { z } from 'zod';
import { request } from './client';

export type { DeliveryView, EmailStatus, EmailTemplateView } from '@tec/shared/contracts';

export type TemplatesList = z.infer<typeof TemplatesListSchema>;
export type TemplateDetail = z.infer<typeof TemplateDetailSchema>;
export type TemplatePreview = z.infer<typeof TemplatePreviewSchema>;
export type TestSendQueued = z.infer<typeof TestSendQueuedSchema>;
export type EmailAnalytics = z.infer<typeof EmailAnalyticsSchema>;
export type AnalyticsDay = z.infer<typeof AnalyticsDaySchema>;
export type AnalyticsTemplateTotals = z.infer<typeof AnalyticsTemplateTotalsSchema>;
export type QueueStats = z.infer<typeof QueueStatsSchema>;
export type DeliveriesPage = z.infer<typeof DeliveriesPageSchema>;
export type DeliveryDetail = z.infer<typeof DeliveryDetailSchema>;
export type DeliveryTimelineEntry = z.infer<typeof DeliveryTimelineEntrySchema>;
export type DeadContactsList = z.infer<typeof DeadContactsListSchema>;
export type DeadContactView = z.infer<typeof DeadContactViewSchema>;
export type SuppressionsPage = z.infer<typeof SuppressionsPageSchema>;
export type SuppressionView = z.infer<typeof SuppressionViewSchema>;

const templatePath = (name: string) => `/email/templates/${encodeURIComponent(name)}`;

export function listTemplates(signal?: AbortSignal): Promise<TemplatesList> {
  return request<TemplatesList>('/email/templates', { signal });
}

export function getTemplate(name: string, signal?: AbortSignal): Promise<TemplateDetail> {
  return request<TemplateDetail>(templatePath(name), { signal });
}

export interface TemplateDraft {
  subject: string;
  html: string;
  text: string;
  sampleData?: Record<string, unknown>;
}

/** Saves a new version; CONFLICT when `expectedVersion` is no longer the latest. */
export function updateTemplate(name: string, draft: TemplateDraft, expectedVersion: number): Promise<EmailTemplateView> {
  return request<EmailTemplateView>(templatePath(name), { method: 'PUT', body: { ...draft, expectedVersion } });
}

export function setTemplateActive(name: string, active: boolean): Promise<EmailTemplateView> {
  return request<EmailTemplateView>(`${templatePath(name)}/active`, { method: 'PUT', body: { active } });
}

export interface PreviewInput {
  subject?: string;
  html?: string;
  text?: string;
  data?: Record<string, unknown>;
}

export function previewTemplate(name: string, input: PreviewInput, signal?: AbortSignal): Promise<TemplatePreview> {
  return request<TemplatePreview>(`${templatePath(name)}/preview`, { method: 'POST', body: input, signal });
}

/** Queues a real email (202); to the caller's own address when `to` is empty. */
export function sendTestEmail(name: string, to: string | undefined, data?: Record<string, unknown>): Promise<TestSendQueued> {
  return request<TestSendQueued>(`${templatePath(name)}/test`, { method: 'POST', body: { to: to || undefined, data } });
}

export function getAnalytics(days: number, signal?: AbortSignal): Promise<EmailAnalytics> {
  return request<EmailAnalytics>('/email/analytics', { signal, query: { days } });
}

export function getQueueStats(signal?: AbortSignal): Promise<QueueStats> {
  return request<QueueStats>('/email/queue-stats', { signal });
}

export interface DeliveriesQuery {
  search?: string;
  status?: EmailStatus | '';
  templateName?: string;
  cursor?: string | null;
  limit?: number;
}

export function listDeliveries({ search, status, templateName, cursor, limit }: DeliveriesQuery, signal?: AbortSignal): Promise<DeliveriesPage> {
  return request<DeliveriesPage>('/email/deliveries', { signal, query: { search, status, templateName, cursor, limit } });
}

export function getDelivery(deliveryId: string, signal?: AbortSignal): Promise<DeliveryDetail> {
  return request<DeliveryDetail>(`/email/deliveries/${encodeURIComponent(deliveryId)}`, { signal });
}

export function retryDelivery(deliveryId: string): Promise<DeliveryDetail> {
  return request<DeliveryDetail>(`/email/deliveries/${encodeURIComponent(deliveryId)}/retry`, { method: 'POST' });
}

export function listDeadContacts(signal?: AbortSignal): Promise<DeadContactsList> {
  return request<DeadContactsList>('/email/dead-contacts', { signal });
}

export function listSuppressions({ search, cursor }: { search?: string; cursor?: string | null }, signal?: AbortSignal): Promise<SuppressionsPage> {
  return request<SuppressionsPage>('/email/suppressions', { signal, query: { search, cursor } });
}

export function removeSuppression(email: string): Promise<{ removed: boolean }> {
  return request<{ removed: boolean }>(`/email/suppressions/${encodeURIComponent(email)}`, { method: 'DELETE' });
}
