import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';
import type { NotificationsConfig } from '../../config';
import type { EmailProvider, MailBatch, SendOutcome } from './email-provider';

interface SendGridError {
  code?: number | string;
  message?: string;
  response?: { headers?: Record<string, string>; body?: { errors?: { message?: string; field?: string | null }[] } };
}

/** Seconds or an HTTP date (`Retry-After`), or epoch seconds (`X-RateLimit-Reset`). */
export function retryAtFromHeaders(headers: Record<string, string> | undefined, now = Date.now()): Date | null {
  if (!headers) return null;
  const reset = headers['x-ratelimit-reset'];
  if (reset && /^\d+$/.test(reset)) {
    const at = Number(reset) * 1000;
    if (at > now) return new Date(at);
  }
  const retryAfter = headers['retry-after'];
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return new Date(now + Number(retryAfter) * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return new Date(at);
  }
  return null;
}

/**
 * SendGrid v3 `/v3/mail/send` through @sendgrid/mail. One request carries many personalizations sharing one body;
 * each has its own subject, substitutions (the escaped values), List-Unsubscribe headers and `custom_args`
 * (`delivery_id`, which the Event Webhook sends back, and `idempotency_key`).
 */
export class SendGridProvider implements EmailProvider {
  readonly name = 'sendgrid' as const;
  readonly maxBatchSize: number;
  private readonly mail = new MailService();

  constructor(config: Pick<NotificationsConfig, 'SENDGRID_API_KEY' | 'SENDGRID_BASE_URL' | 'SENDGRID_TIMEOUT_MS' | 'EMAIL_BATCH_SIZE'>) {
    const client = new Client();
    client.setApiKey(config.SENDGRID_API_KEY ?? '');
    client.setDefaultRequest('baseUrl', config.SENDGRID_BASE_URL);
    // Passed through to axios; the typings omit it. Without it a hung connection would hold a batch forever.
    client.setDefaultRequest({ timeout: config.SENDGRID_TIMEOUT_MS } as unknown as Parameters<Client['setDefaultRequest']>[0]);
    this.mail.setClient(client);
    this.maxBatchSize = Math.min(1000, config.EMAIL_BATCH_SIZE);
  }

  async send(batch: MailBatch): Promise<SendOutcome> {
    try {
      const [response] = await this.mail.send({
        from: batch.from,
        subject: batch.recipients[0]?.subject ?? '',
        content: [
          { type: 'text/plain', value: batch.text },
          { type: 'text/html', value: batch.html },
        ],
        categories: [batch.category, batch.templateName],
        substitutionWrappers: ['%%', '%%'],
        personalizations: batch.recipients.map((recipient) => ({
          to: [{ email: recipient.email, name: recipient.name || undefined }],
          subject: recipient.subject,
          // Keys are sent wrapped as `%%key%%`; ours already carry the wrappers.
          substitutions: Object.fromEntries(Object.entries(recipient.substitutions).map(([key, value]) => [key.slice(2, -2), value])),
          headers: recipient.headers,
          customArgs: { delivery_id: recipient.deliveryId, idempotency_key: recipient.deliveryId },
        })),
      });
      const messageId = response.headers['x-message-id'];
      return { kind: 'sent', messageId: typeof messageId === 'string' ? messageId : null };
    } catch (error) {
      return classify(error as SendGridError);
    }
  }
}

export function classify(error: SendGridError): SendOutcome {
  const status = typeof error.code === 'number' ? error.code : null;
  const messages = new Set((error.response?.body?.errors ?? []).map((item) => item.message).filter(Boolean));
  const detail = [...messages].join('; ') || error.message || 'unknown error';
  if (status === 429) return { kind: 'retry', code: 'HTTP_429', message: detail, retryAt: retryAtFromHeaders(error.response?.headers) };
  if (status !== null && status >= 500) return { kind: 'retry', code: `HTTP_${status}`, message: detail, retryAt: retryAtFromHeaders(error.response?.headers) };
  if (status !== null && status >= 400) {
    // SendGrid names the personalization at fault (`personalizations.3.to`): the rest of the request was fine.
    const bad = new Set<number>();
    for (const item of error.response?.body?.errors ?? []) {
      const match = /^personalizations\.(\d+)\b/.exec(item.field ?? '');
      if (match) bad.add(Number(match[1]));
    }
    return { kind: 'failed', code: `HTTP_${status}`, message: detail, ...(bad.size > 0 ? { badRecipients: [...bad].sort((a, b) => a - b) } : {}) };
  }
  // No HTTP status: a timeout, a reset connection, DNS. The request may or may not have arrived: retry with the same keys.
  const code = typeof error.code === 'string' ? error.code : 'NETWORK_ERROR';
  return { kind: 'retry', code, message: detail, retryAt: null };
}
