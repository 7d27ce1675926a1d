import { applySubstitutions } from '../../templates/template-renderer';

export interface MailRecipient {
  deliveryId: string;
  email: string;
  name: string;
  subject: string;
  /** Token → value for the shared body (empty when the body is already this recipient's own). */
  substitutions: Record<string, string>;
  /** Per-recipient email headers (List-Unsubscribe, List-Unsubscribe-Post). */
  headers: Record<string, string>;
}

/** One provider request: a body shared by up to `maxBatchSize` recipients, each with their own values. */
export interface MailBatch {
  from: { email: string; name: string };
  html: string;
  text: string;
  category: string;
  templateName: string;
  recipients: MailRecipient[];
}

/**
 * What happened to a whole request. `retry` covers 429, 5xx and timeouts (`retryAt` from the provider's rate-limit
 * headers when it gave them); `failed` is any other 4xx, permanent.
 */
export type SendOutcome =
  | { kind: 'sent'; messageId: string | null }
  | { kind: 'retry'; code: string; message: string; retryAt: Date | null }
  | {
      kind: 'failed';
      code: string;
      message: string;
      /**
       * The request was refused because of these recipients (indexes into `batch.recipients`, from SendGrid's
       * `personalizations.N…` error fields); the others were fine and may be sent without them.
       */
      badRecipients?: number[];
    };

export interface EmailProvider {
  readonly name: 'sendgrid' | 'smtp' | 'console';
  /** Recipients one request may carry. */
  readonly maxBatchSize: number;
  send(batch: MailBatch): Promise<SendOutcome>;
  close?(): Promise<void>;
}

/** One recipient's complete message, for providers that send one by one (SMTP, console, the fake's record). */
export function expandRecipient(batch: MailBatch, recipient: MailRecipient): { subject: string; html: string; text: string } {
  return {
    subject: recipient.subject,
    html: applySubstitutions(batch.html, recipient.substitutions),
    text: applySubstitutions(batch.text, recipient.substitutions),
  };
}
