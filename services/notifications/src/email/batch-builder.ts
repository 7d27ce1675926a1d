import type { NotificationCategory } from '@tec/shared';
import { renderEmail, renderTokenized, tokenSubstitutions, type TemplateSource } from '../templates/template-renderer';
import type { ClaimedDelivery } from './deliveries.repository';
import type { MailBatch, MailRecipient } from './providers/email-provider';

/** SendGrid refuses personalizations whose substitutions exceed 10,000 bytes; those recipients go alone. */
export const MAX_SUBSTITUTION_BYTES = 10_000;

export interface BatchContext {
  from: { email: string; name: string };
  appUrl: string;
  links(row: ClaimedDelivery): { preferencesUrl: string; unsubscribeUrl: string };
}

export interface PlannedBatch {
  batch: MailBatch;
  rows: ClaimedDelivery[];
}

function unsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  // RFC 8058: an HTTPS URI plus List-Unsubscribe-Post lets mail apps unsubscribe with one click, no page visit.
  return { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

function byteSize(values: Record<string, string>): number {
  let size = 0;
  for (const [key, value] of Object.entries(values)) size += Buffer.byteLength(key) + Buffer.byteLength(value);
  return size;
}

/**
 * Turns claimed deliveries of one template version into provider requests: one shared, tokenized body for as
 * many recipients as a request may carry, each with their own escaped values; recipients that can't share
 * (list sections, oversized values) get a request of their own with the fully rendered email.
 */
export function planBatches(rows: ClaimedDelivery[], source: TemplateSource, context: BatchContext, maxBatchSize: number): PlannedBatch[] {
  const first = rows[0];
  if (!first) return [];
  const shell = { from: context.from, category: first.category as NotificationCategory, templateName: first.template_name };
  const tokenized = renderTokenized(source);
  const shared: { recipient: MailRecipient; row: ClaimedDelivery }[] = [];
  const planned: PlannedBatch[] = [];
  for (const row of rows) {
    const links = context.links(row);
    const base = { deliveryId: row.id, email: row.recipient_email, name: row.recipient_name, subject: row.subject, headers: unsubscribeHeaders(links.unsubscribeUrl) };
    if (tokenized) {
      const substitutions = tokenSubstitutions(tokenized.names, row.template_data, { appUrl: context.appUrl, ...links });
      if (byteSize(substitutions) <= MAX_SUBSTITUTION_BYTES) {
        shared.push({ recipient: { ...base, substitutions }, row });
        continue;
      }
    }
    const rendered = renderEmail(source, row.template_data, { appUrl: context.appUrl, ...links });
    planned.push({ batch: { ...shell, html: rendered.html, text: rendered.text, recipients: [{ ...base, substitutions: {} }] }, rows: [row] });
  }
  if (tokenized) {
    for (let index = 0; index < shared.length; index += maxBatchSize) {
      const chunk = shared.slice(index, index + maxBatchSize);
      planned.push({ batch: { ...shell, html: tokenized.html, text: tokenized.text, recipients: chunk.map((item) => item.recipient) }, rows: chunk.map((item) => item.row) });
    }
  }
  return planned;
}
