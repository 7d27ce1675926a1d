import { DomainError } from '@tec/shared';

export interface ZoomCredentials {
  accountId: string;
  clientId: string;
  clientSecret: string;
  apiBaseUrl: string;
  oauthBaseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  retryBaseMs: number;
}

interface CachedToken {
  value: string;
  expiresAt: number;
}

/** Refresh this long before Zoom's expiry (tokens last an hour), so a request never carries a token about to die. */
const EXPIRY_MARGIN_MS = 60_000;

export class ZoomApiError extends Error {
  constructor(
    readonly status: number,
    readonly zoomCode: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'ZoomApiError';
  }
}

/**
 * Zoom REST v2 over fetch, with Server-to-Server OAuth: `POST /oauth/token?grant_type=account_credentials&account_id=…`
 * with HTTP Basic (client id : secret). The token is cached until shortly before it expires and shared by
 * concurrent callers (one token request in flight at a time); a 401 drops it and retries once. 429, 5xx and
 * timeouts are retried with Retry-After or exponential backoff.
 */
export class ZoomClient {
  private token: CachedToken | null = null;
  private tokenRequest: Promise<string> | null = null;
  /** How many tokens were fetched (for tests and logs). */
  tokenFetches = 0;

  constructor(
    private readonly credentials: ZoomCredentials,
    private readonly now: () => number = Date.now,
  ) {}

  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - EXPIRY_MARGIN_MS > this.now()) return this.token.value;
    this.tokenRequest ??= this.fetchToken().finally(() => {
      this.tokenRequest = null;
    });
    return this.tokenRequest;
  }

  private async fetchToken(): Promise<string> {
    const { accountId, clientId, clientSecret, oauthBaseUrl } = this.credentials;
    const url = `${oauthBaseUrl.replace(/\/$/, '')}/oauth/token?grant_type=account_credentials&account_id=${encodeURIComponent(accountId)}`;
    const response = await this.send(url, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    const body = (await response.json()) as { access_token?: string; expires_in?: number; reason?: string; error?: string };
    if (!response.ok || !body.access_token) {
      throw new ZoomApiError(response.status, null, `Zoom OAuth failed: ${body.reason ?? body.error ?? response.status}`);
    }
    this.tokenFetches += 1;
    this.token = { value: body.access_token, expiresAt: this.now() + (body.expires_in ?? 3600) * 1000 };
    return body.access_token;
  }

  /** A REST v2 call; returns the parsed JSON body (undefined for 204). */
  async request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
    for (let authAttempt = 0; ; authAttempt += 1) {
      const token = await this.accessToken();
      const response = await this.send(`${this.credentials.apiBaseUrl.replace(/\/$/, '')}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (response.status === 401 && authAttempt === 0) {
        this.token = null; // revoked or rotated credentials: fetch a new token once
        continue;
      }
      if (response.status === 204) return undefined as T;
      const text = await response.text();
      const parsed = text ? (JSON.parse(text) as unknown) : undefined;
      if (!response.ok) {
        const detail = parsed as { code?: number; message?: string } | undefined;
        throw new ZoomApiError(response.status, detail?.code ?? null, `Zoom ${method} ${path} failed with ${response.status}: ${detail?.message ?? ''}`);
      }
      return parsed as T;
    }
  }

  /** fetch with a timeout and retries of 429 / 5xx / network errors. */
  private async send(url: string, init: RequestInit): Promise<Response> {
    const { maxRetries, retryBaseMs, timeoutMs } = this.credentials;
    for (let attempt = 0; ; attempt += 1) {
      let response: Response | null = null;
      let failure: unknown = null;
      try {
        response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        failure = error;
      }
      const retryable = failure !== null || response!.status === 429 || response!.status >= 500;
      if (!retryable) return response!;
      if (attempt >= maxRetries) {
        if (response) return response;
        throw new DomainError('SERVICE_UNAVAILABLE', 'Zoom did not answer in time', { cause: String((failure as Error)?.message ?? failure) });
      }
      const retryAfter = Number(response?.headers.get('retry-after'));
      const delay = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, 30_000) : retryBaseMs * 2 ** attempt;
      await response?.body?.cancel().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
