import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Wait this long before answering (a timeout when longer than the client's). */
  delayMs?: number;
}

export interface FakeMeeting {
  id: number;
  uuid: string;
  host_id: string;
  topic: string;
  type: number;
  start_time: string;
  duration: number;
  timezone: string;
  agenda: string;
  join_url: string;
  start_url: string;
  password: string;
  settings: Record<string, unknown>;
  registrants: { id: string; registrant_id: string; email: string; first_name: string; last_name: string; join_url: string }[];
}

/**
 * A local Zoom: Server-to-Server OAuth (`POST /oauth/token?grant_type=account_credentials&account_id=…`, HTTP Basic)
 * and the REST v2 meeting endpoints the service uses (create for a user, get, patch, delete, add registrant), with
 * Zoom's status codes and JSON shapes. Tests queue replies (429 with Retry-After, 500, slow replies) and fire
 * webhooks signed like Zoom (`x-zm-signature: v0=HMAC-SHA256(secret, "v0:{ts}:{body}")`).
 */
export class ZoomFake {
  readonly meetings = new Map<string, FakeMeeting>();
  readonly requests: { method: string; path: string; status: number; authorization: string | undefined }[] = [];
  readonly tokensIssued: string[] = [];
  private readonly replies: FakeReply[] = [];
  private readonly validTokens = new Map<string, number>();
  private server: Server | null = null;
  private nextMeetingId = 81_000_000_000;
  /** Seconds each token lives (Zoom: 3600). */
  tokenLifetimeSeconds = 3600;

  constructor(
    readonly credentials = { accountId: 'fake-account', clientId: 'fake-client-id', clientSecret: 'fake-client-secret' },
    readonly webhookSecret = 'fake-webhook-secret-token',
  ) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** For ZOOM_API_BASE_URL / ZOOM_OAUTH_BASE_URL and the rest of the service env. */
  env(): Record<string, string> {
    return {
      LIVE_CLASSES_PROVIDER: 'zoom',
      ZOOM_ACCOUNT_ID: this.credentials.accountId,
      ZOOM_CLIENT_ID: this.credentials.clientId,
      ZOOM_CLIENT_SECRET: this.credentials.clientSecret,
      ZOOM_WEBHOOK_SECRET_TOKEN: this.webhookSecret,
      ZOOM_API_BASE_URL: `${this.url}/v2`,
      ZOOM_OAUTH_BASE_URL: this.url,
    };
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

  /** The next API requests (OAuth included) get these replies, in order. */
  queue(...replies: FakeReply[]): void {
    this.replies.push(...replies);
  }

  /** Makes every token issued so far invalid (a rotated secret, a revoked app). */
  revokeTokens(): void {
    this.validTokens.clear();
  }

  /** A Zoom webhook request: body and headers exactly as Zoom sends them (signed with `secret`, at `timestamp`). */
  signedWebhook(event: string, object: Record<string, unknown>, options: { timestamp?: number; secret?: string; eventTs?: number; extra?: Record<string, unknown> } = {}) {
    const eventTs = options.eventTs ?? Date.now();
    const body = JSON.stringify({ event, event_ts: eventTs, payload: { account_id: this.credentials.accountId, object, ...(options.extra ?? {}) } });
    return this.sign(body, options);
  }

  /** The url_validation challenge Zoom sends when the endpoint is saved (and every 72 hours). */
  urlValidation(plainToken: string, options: { timestamp?: number; secret?: string } = {}) {
    return this.sign(JSON.stringify({ event: 'endpoint.url_validation', event_ts: Date.now(), payload: { plainToken } }), options);
  }

  private sign(body: string, options: { timestamp?: number; secret?: string }) {
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', options.secret ?? this.webhookSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    return {
      body,
      headers: { 'content-type': 'application/json', 'x-zm-signature': signature, 'x-zm-request-timestamp': timestamp, 'x-zm-trackingid': randomUUID() } as Record<string, string>,
    };
  }

  /** POSTs a signed webhook to a URL (the gateway's /api/v1/webhooks/zoom), as Zoom does. */
  async fire(url: string, webhook: { body: string; headers: Record<string, string> }): Promise<{ status: number; body: unknown }> {
    const response = await fetch(url, { method: 'POST', headers: webhook.headers, body: webhook.body });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', 'http://zoom.local');
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({ method: request.method ?? '', path: url.pathname, status, authorization: request.headers.authorization });
      response.writeHead(status, { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
      response.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const queued = this.replies.shift();
    if (queued) {
      if (queued.delayMs) await new Promise((resolve) => setTimeout(resolve, queued.delayMs));
      if (!response.destroyed) send(queued.status, queued.body ?? { code: queued.status, message: 'injected' }, queued.headers);
      return;
    }
    if (request.method === 'POST' && url.pathname === '/oauth/token') return this.token(request, url, send);
    if (!url.pathname.startsWith('/v2/')) return send(404, { code: 404, message: 'Not found' });
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const expiresAt = bearer ? this.validTokens.get(bearer) : undefined;
    if (!expiresAt || expiresAt < Date.now()) return send(401, { code: 124, message: 'Invalid access token.' });
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const path = url.pathname.slice(3);
    let match: RegExpExecArray | null;
    if (request.method === 'POST' && (match = /^\/users\/([^/]+)\/meetings$/.exec(path))) return send(201, this.createMeeting(decodeURIComponent(match[1]!), body));
    if ((match = /^\/meetings\/(\d+)\/registrants$/.exec(path)) && request.method === 'POST') {
      const meeting = this.meetings.get(match[1]!);
      if (!meeting) return send(404, { code: 3001, message: 'Meeting does not exist.' });
      const email = String(body.email ?? '');
      if (!email) return send(400, { code: 300, message: 'Validation Failed.', errors: [{ field: 'email', message: 'required' }] });
      let registrant = meeting.registrants.find((existing) => existing.email.toLowerCase() === email.toLowerCase());
      if (!registrant) {
        const registrantId = randomUUID().replace(/-/g, '').slice(0, 22);
        registrant = { id: registrantId, registrant_id: registrantId, email, first_name: String(body.first_name ?? ''), last_name: String(body.last_name ?? ''), join_url: `${meeting.join_url}&tk=${registrantId}` };
        meeting.registrants.push(registrant);
      }
      return send(201, { id: meeting.id, registrant_id: registrant.registrant_id, join_url: registrant.join_url, topic: meeting.topic, start_time: meeting.start_time });
    }
    if ((match = /^\/meetings\/(\d+)$/.exec(path))) {
      const meeting = this.meetings.get(match[1]!);
      if (!meeting) return send(404, { code: 3001, message: `Meeting does not exist: ${match[1]}.` });
      if (request.method === 'GET') {
        const { registrants: _registrants, ...rest } = meeting;
        return send(200, { ...rest, start_url: `${meeting.start_url.split('?')[0]}?zak=${randomUUID()}` });
      }
      if (request.method === 'PATCH') {
        for (const key of ['topic', 'start_time', 'duration', 'timezone', 'agenda'] as const) if (key in body) (meeting as unknown as Record<string, unknown>)[key] = body[key];
        if (body.settings && typeof body.settings === 'object') meeting.settings = { ...meeting.settings, ...(body.settings as Record<string, unknown>) };
        return send(204);
      }
      if (request.method === 'DELETE') {
        this.meetings.delete(match[1]!);
        return send(204);
      }
    }
    return send(404, { code: 404, message: 'Not found' });
  }

  private token(request: IncomingMessage, url: URL, send: (status: number, body?: unknown) => void): void {
    const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const [id, secret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    if (url.searchParams.get('grant_type') !== 'account_credentials') return send(400, { reason: 'Unsupported grant type', error: 'unsupported_grant_type' });
    if (id !== this.credentials.clientId || secret !== this.credentials.clientSecret) return send(401, { reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
    if (url.searchParams.get('account_id') !== this.credentials.accountId) return send(400, { reason: 'Invalid account_id', error: 'invalid_request' });
    const token = `fake.${randomUUID()}`;
    this.validTokens.set(token, Date.now() + this.tokenLifetimeSeconds * 1000);
    this.tokensIssued.push(token);
    send(200, { access_token: token, token_type: 'bearer', expires_in: this.tokenLifetimeSeconds, scope: 'meeting:write:meeting:admin meeting:read:meeting:admin meeting:write:registrant:admin', api_url: 'https://api.zoom.us' });
  }

  private createMeeting(hostId: string, body: Record<string, unknown>): FakeMeeting {
    this.nextMeetingId += 1;
    const id = this.nextMeetingId;
    const password = Math.random().toString(36).slice(2, 8);
    const meeting: FakeMeeting = {
      id,
      uuid: `${randomUUID().replace(/-/g, '').slice(0, 22)}==`,
      host_id: hostId,
      topic: String(body.topic ?? ''),
      type: Number(body.type ?? 2),
      start_time: String(body.start_time ?? ''),
      duration: Number(body.duration ?? 60),
      timezone: String(body.timezone ?? 'UTC'),
      agenda: String(body.agenda ?? ''),
      join_url: `https://fake.zoom.us/j/${id}?pwd=${password}`,
      start_url: `https://fake.zoom.us/s/${id}?zak=${randomUUID()}`,
      password,
      settings: (body.settings as Record<string, unknown>) ?? {},
      registrants: [],
    };
    this.meetings.set(String(id), meeting);
    return meeting;
  }
}
