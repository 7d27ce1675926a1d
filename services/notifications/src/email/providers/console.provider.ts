import type { Logger } from '@tec/shared';
import { expandRecipient, type EmailProvider, type MailBatch, type SendOutcome } from './email-provider';

/** Development: logs each email (subject, recipient, text part) instead of sending it. */
export class ConsoleProvider implements EmailProvider {
  readonly name = 'console' as const;
  readonly maxBatchSize = 1000;
  constructor(private readonly logger: Logger) {}

  async send(batch: MailBatch): Promise<SendOutcome> {
    for (const recipient of batch.recipients) {
      const message = expandRecipient(batch, recipient);
      this.logger.info({ to: recipient.email, subject: message.subject, deliveryId: recipient.deliveryId, text: message.text }, 'email (console provider)');
    }
    return { kind: 'sent', messageId: null };
  }
}
