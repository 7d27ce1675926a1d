import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One email as a recipient would get it: the personalization applied to the shared content. */
export interface FakeEmail {
  to: string;
  name: string | undefined;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  customArgs: Record<string, string>;
  messageId: string;
}

export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
}

interface Personalization {
  to: { email: string; name?: string }[];
  subject?: string;
  substitutions?: Record<string, string>;
  headers?: Record<string, string>;
  custom_args?: Record<string, string>;
}

interface MailSendBody {
  from: { email: string; name?: string };
  subject?: string;
  content: { type: string; value: string }[];
  personalizations: Personalization[];
}

/**
 * A local SendGrid v3 `/v3/mail/send`: checks the bearer key and the request shape like SendGrid (≤ 1000
 * personalizations, content present), applies substitutions per personalization, answers 202 with
 * `X-Message-Id`, or whatever replies a test queued (429 with reset headers, 500, 400, a slow reply).
 * Personalizations whose `custom_args.idempotency_key` it already accepted are not delivered twice.
 * Also signs Event Webhook posts with its own ECDSA P-256 key.
 */
export class SendGridFake {
  readonly emails: FakeEmail[] = [];
  readonly requests: { status: number; personalizations: number; at: number }[] = [];
  private readonly replies: FakeReply[] = [];
  private readonly accepted = new Set<string>();
  private server: Server | null = null;
  private sequence = 0;
  /** Addresses this SendGrid refuses as invalid: the whole request gets a 400 naming their personalizations. */
  readonly invalidAddresses = new Set<string>();
  /** Every reply waits this long (benchmarks: a realistic network round trip). */
  latencyMs = 0;
  readonly webhookKeys: { publicKey: KeyObject; privateKey: KeyObject } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

  constructor(private readonly apiKey = 'SG.test-key') {}

  get url(): string {
    const address = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}/`;
  }

  /** Base64 DER SubjectPublicKeyInfo, exactly what SendGrid's settings page shows. */
  get webhookPublicKey(): string {
    return this.webhookKeys.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next requests get these replies, in order; then 202 again. */
  queueReplies(...replies: FakeReply[]): void {
    this.replies.push(...replies);
  }

  reset(): void {
    this.emails.length = 0;
    this.requests.length = 0;
    this.replies.length = 0;
    this.invalidAddresses.clear();
  }

  emailsTo(address: string): FakeEmail[] {
    return this.emails.filter((email) => email.to === address.toLowerCase());
  }

  /** A signed Event Webhook delivery: the headers SendGrid sends and the raw body. */
  signWebhook(events: unknown[], options: { timestamp?: number; key?: KeyObject } = {}): { headers: Record<string, string>; body: string } {
    const body = JSON.stringify(events);
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const signature = sign('sha256', Buffer.from(timestamp + body), { key: options.key ?? this.webhookKeys.privateKey, dsaEncoding: 'der' }).toString('base64');
    return {
      headers: { 'x-twilio-email-event-webhook-signature': signature, 'x-twilio-email-event-webhook-timestamp': timestamp, 'content-type': 'application/json' },
      body,
    };
  }

  private async handle(request: IncomingMessage, response: import('node:http').ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const answer = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(body === undefined ? '' : JSON.stringify(body));
    };
    if (request.method !== 'POST' || request.url !== '/v3/mail/send') return answer(404, { errors: [{ message: 'not found' }] });
    if (request.headers.authorization !== `Bearer ${this.apiKey}`) return answer(401, { errors: [{ message: 'The provided authorization grant is invalid' }] });
    const reply = this.replies.shift();
    const delay = (reply?.delayMs ?? 0) + this.latencyMs;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    let body: MailSendBody;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as MailSendBody;
    } catch {
      return answer(400, { errors: [{ message: 'Bad Request', field: null }] });
    }
    if (reply && reply.status !== 202) {
      this.requests.push({ status: reply.status, personalizations: body.personalizations?.length ?? 0, at: Date.now() });
      return answer(reply.status, reply.body ?? { errors: [{ message: `fake ${reply.status}`, field: null }] }, reply.headers);
    }
    if (!Array.isArray(body.personalizations) || body.personalizations.length === 0 || body.personalizations.length > 1000) {
      return answer(400, { errors: [{ message: 'The personalizations field is required and must have at least 1 and at most 1000 items', field: 'personalizations' }] });
    }
    const invalid = body.personalizations.flatMap((personalization, index) =>
      personalization.to.some((to) => this.invalidAddresses.has(to.email.toLowerCase()))
        ? [{ message: 'Does not contain a valid address.', field: `personalizations.${index}.to`, help: 'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.personalizations.to' }]
        : [],
    );
    if (invalid.length > 0) {
      this.requests.push({ status: 400, personalizations: body.personalizations.length, at: Date.now() });
      return answer(400, { errors: invalid });
    }
    const html = body.content?.find((part) => part.type === 'text/html')?.value ?? '';
    const text = body.content?.find((part) => part.type === 'text/plain')?.value ?? '';
    this.sequence += 1;
    const messageId = `fake-${this.sequence}`;
    for (const personalization of body.personalizations) {
      const key = personalization.custom_args?.idempotency_key;
      if (key && this.accepted.has(key)) continue;
      if (key) this.accepted.add(key);
      const substitutions = personalization.substitutions ?? {};
      for (const to of personalization.to) {
        this.emails.push({
          to: to.email.toLowerCase(),
          name: to.name,
          subject: personalization.subject ?? body.subject ?? '',
          html: substitute(html, substitutions),
          text: substitute(text, substitutions),
          headers: personalization.headers ?? {},
          customArgs: personalization.custom_args ?? {},
          messageId,
        });
      }
    }
    this.requests.push({ status: 202, personalizations: body.personalizations.length, at: Date.now() });
    answer(202, undefined, { 'x-message-id': messageId });
  }
}

function substitute(content: string, substitutions: Record<string, string>): string {
  const keys = Object.keys(substitutions);
  if (keys.length === 0) return content;
  const pattern = new RegExp(keys.map((key) => key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return content.replace(pattern, (key) => substitutions[key] ?? key);
}
