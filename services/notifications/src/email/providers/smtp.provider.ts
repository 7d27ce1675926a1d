import nodemailer, { type Transporter } from 'nodemailer';
import type { NotificationsConfig } from '../../config';
import { expandRecipient, type EmailProvider, type MailBatch, type SendOutcome } from './email-provider';

/**
 * SMTP through nodemailer: one message per recipient (SMTP has no per-recipient substitutions), on a pooled
 * connection. 4xx replies are transient and retried, 5xx permanent, as RFC 5321 says.
 */
export class SmtpProvider implements EmailProvider {
  readonly name = 'smtp' as const;
  readonly maxBatchSize = 50;
  private readonly transport: Transporter;

  constructor(config: Pick<NotificationsConfig, 'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_SECURE' | 'SMTP_USER' | 'SMTP_PASSWORD' | 'SENDGRID_TIMEOUT_MS'>) {
    this.transport = nodemailer.createTransport({
      host: config.SMTP_HOST,
      port: config.SMTP_PORT,
      secure: config.SMTP_SECURE,
      pool: true,
      ...(config.SMTP_USER ? { auth: { user: config.SMTP_USER, pass: config.SMTP_PASSWORD ?? '' } } : {}),
      connectionTimeout: config.SENDGRID_TIMEOUT_MS,
      socketTimeout: config.SENDGRID_TIMEOUT_MS,
      // Local relays often use self-signed certificates; production relays should present a valid one.
      tls: { rejectUnauthorized: false },
    });
  }

  async send(batch: MailBatch): Promise<SendOutcome> {
    let lastId: string | null = null;
    for (const recipient of batch.recipients) {
      const message = expandRecipient(batch, recipient);
      try {
        const info = (await this.transport.sendMail({
          from: { name: batch.from.name, address: batch.from.email },
          to: { name: recipient.name, address: recipient.email },
          subject: message.subject,
          html: message.html,
          text: message.text,
          headers: { ...recipient.headers, 'X-Delivery-Id': recipient.deliveryId },
        })) as { messageId?: string };
        lastId = info.messageId ?? lastId;
      } catch (error) {
        const responseCode = (error as { responseCode?: number }).responseCode;
        const text = error instanceof Error ? error.message : String(error);
        if (responseCode !== undefined && responseCode >= 500) return { kind: 'failed', code: `SMTP_${responseCode}`, message: text };
        return { kind: 'retry', code: responseCode ? `SMTP_${responseCode}` : 'SMTP_ERROR', message: text, retryAt: null };
      }
    }
    return { kind: 'sent', messageId: lastId };
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
