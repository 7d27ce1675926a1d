import type { ErrorCode } from '@tec/shared/contracts';
import { ApiError, isApiError, networkError, toApiError } from './api-error';

export const API_PREFIX = '/api/v1';
export const CORRELATION_HEADER = 'x-correlation-id';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: HttpMethod;
  body?: unknown;
  query?: QueryParams;
  signal?: AbortSignal;
  /** Send the bearer token, and refresh it once on TOKEN_EXPIRED (default true). */
  auth?: boolean;
  /** The refresh cookie lives on /api/v1/auth; auth endpoints send it with `include`. */
  credentials?: RequestCredentials;
  /**
   * Refresh the access token and retry once on TOKEN_EXPIRED, and drop the session on TOKEN_INVALID (default true).
   * Off for calls where those codes describe the payload, not the session (a stale or forged QR check-in token):
   * a retry can't help, and the student must not be signed out. The token is still refreshed before sending.
   */
  retryOnTokenExpired?: boolean;
  /** `blob` for downloads (CSV, evidence files): the body is returned as a Blob whatever its type. */
  responseType?: 'json' | 'blob';
}

/**
 * How `request()` reaches the session. The session store registers these at startup; keeping them injected
 * means this module imports nothing from the session and the two don't form an import cycle.
 */
export interface AuthHooks {
  getAccessToken(): string | null;
  /** Refreshes when the token is about to lapse, so we don't spend a round trip on a certain 401. */
  ensureFreshToken(): Promise<void>;
  /** Gets a new access token (single flight); rejects with an ApiError when the session is gone. */
  refreshAccessToken(): Promise<void>;
  /** The server says this session is over: drop it and go back to sign-in. */
  onSessionLost(error: ApiError): void;
}

let hooks: AuthHooks | null = null;

export function configureAuthHooks(next: AuthHooks): void {
  hooks = next;
}

/** Codes after which retrying cannot help: the session itself is invalid. */
const SESSION_LOST_CODES: ReadonlySet<ErrorCode> = new Set(['UNAUTHENTICATED', 'TOKEN_INVALID', 'REFRESH_TOKEN_REUSED']);

/** The one way the web talks to the gateway. Throws ApiError, never a bare Response or TypeError. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const useAuth = options.auth ?? true;
  if (useAuth && hooks) await hooks.ensureFreshToken();
  try {
    return await send<T>(path, options, useAuth);
  } catch (error) {
    if (!useAuth || !hooks || !isApiError(error)) throw error;
    if (error.code === 'TOKEN_EXPIRED' && options.retryOnTokenExpired !== false) {
      await hooks.refreshAccessToken();
      try {
        return await send<T>(path, options, useAuth);
      } catch (retryError) {
        if (isApiError(retryError) && SESSION_LOST_CODES.has(retryError.code)) hooks.onSessionLost(retryError);
        throw retryError;
      }
    }
    // TOKEN_INVALID about a QR token is not about the session either.
    if (SESSION_LOST_CODES.has(error.code) && options.retryOnTokenExpired !== false) hooks.onSessionLost(error);
    throw error;
  }
}

async function send<T>(path: string, options: RequestOptions, useAuth: boolean): Promise<T> {
  const correlationId = newCorrelationId();
  const headers: Record<string, string> = { Accept: 'application/json', [CORRELATION_HEADER]: correlationId };
  const token = useAuth ? hooks?.getAccessToken() : null;
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: string | FormData | undefined;
  // A form (a file upload) goes as multipart/form-data: the browser sets the type with its boundary.
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      signal: options.signal,
      credentials: options.credentials ?? 'same-origin',
    });
  } catch (error) {
    // An abort is react-query cancelling a stale fetch, not a failure to report.
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError(correlationId, error);
  }

  const echoedId = response.headers.get(CORRELATION_HEADER) ?? correlationId;
  if (options.responseType === 'blob' && response.ok) return (await response.blob()) as T;
  const payload = await readBody(response);
  if (!response.ok) throw toApiError(response.status, payload, echoedId);
  return payload as T;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function buildUrl(path: string, query?: QueryParams): string {
  const url = `${API_PREFIX}${path.startsWith('/') ? path : `/${path}`}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${url}?${search}` : url;
}

/** `crypto.randomUUID` exists only in secure contexts; a plain-http LAN deployment still gets an id. */
export function newCorrelationId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
