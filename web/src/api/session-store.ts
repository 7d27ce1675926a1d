import { type ApiError, isApiError } from './api-error';
import * as authApi from './auth.api';
import { configureAuthHooks } from './client';
import type { AuthSession, UserProfile } from './types';

/**
 * The signed-in session, kept in memory only: the access token never touches storage, so a script injected into
 * the page can't lift it from there. A reload restores the session from the httpOnly refresh cookie instead.
 */
export type SessionState =
  | { status: 'restoring' }
  | { status: 'anonymous'; reason: 'initial' | 'signed-out' | 'expired' | 'unreachable' }
  | { status: 'authenticated'; accessToken: string; expiresAt: number; user: UserProfile };

type Listener = () => void;

let state: SessionState = { status: 'restoring' };
const listeners = new Set<Listener>();
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let inflightRefresh: Promise<AuthSession> | null = null;
let restoreStarted = false;

/** Refresh this long before expiry (or at 80% of a very short lifetime). */
const REFRESH_LEAD_MS = 60_000;
/** A token this close to expiry is refreshed before a request rather than sent to fail. */
const MIN_TOKEN_TTL_MS = 5_000;
const RETRY_AFTER_NETWORK_FAILURE_MS = 15_000;

// Other tabs share the refresh cookie: sign-out in one tab must end the session in all of them.
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('tec-auth') : null;
channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (event.data === 'signed-out' && state.status === 'authenticated') setState({ status: 'anonymous', reason: 'signed-out' });
  if (event.data === 'signed-in' && state.status === 'anonymous') void refreshSession().catch(() => undefined);
});

export function getSessionState(): SessionState {
  return state;
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getAccessToken(): string | null {
  return state.status === 'authenticated' ? state.accessToken : null;
}

function setState(next: SessionState): void {
  state = next;
  clearTimeout(refreshTimer);
  if (next.status === 'authenticated') scheduleRefresh(next.expiresAt);
  for (const listener of listeners) listener();
}

function scheduleRefresh(expiresAt: number): void {
  const lifetime = expiresAt - Date.now();
  const lead = Math.min(REFRESH_LEAD_MS, lifetime * 0.2);
  refreshTimer = setTimeout(() => void proactiveRefresh(), Math.max(lifetime - lead, 1_000));
}

async function proactiveRefresh(): Promise<void> {
  try {
    await refreshSession();
  } catch (error) {
    // Offline for a moment: try again while the current token still works; a real rejection already signed us out.
    if (isApiError(error) && error.network && state.status === 'authenticated') {
      refreshTimer = setTimeout(() => void proactiveRefresh(), RETRY_AFTER_NETWORK_FAILURE_MS);
    }
  }
}

export function setAuthenticated(session: AuthSession): void {
  const expiresAt = Date.parse(session.accessTokenExpiresAt);
  setState({
    status: 'authenticated',
    accessToken: session.accessToken,
    // An unparseable expiry still gets a refresh soon rather than never.
    expiresAt: Number.isFinite(expiresAt) ? expiresAt : Date.now() + 5 * 60_000,
    user: session.user,
  });
}

/** The profile changed (PATCH /users/me): keep the token, show the new names, timezone and locale. */
export function updateSessionUser(user: UserProfile): void {
  if (state.status === 'authenticated' && state.user.id === user.id) setState({ ...state, user });
}

export function clearSession(reason: 'signed-out' | 'expired'): void {
  setSessionHint(false);
  setState({ status: 'anonymous', reason });
}

/**
 * Single flight per tab, and serialized across tabs with a Web Lock: refresh tokens rotate with reuse detection,
 * so two tabs presenting the same cookie at once would revoke the whole family and sign everyone out.
 */
export function refreshSession(): Promise<AuthSession> {
  inflightRefresh ??= withCrossTabLock(() => authApi.refresh())
    .then((session) => {
      setAuthenticated(session);
      return session;
    })
    .catch((error: unknown) => {
      if (isApiError(error) && !error.network) clearSession('expired');
      throw error;
    })
    .finally(() => {
      inflightRefresh = null;
    });
  return inflightRefresh;
}

async function withCrossTabLock<T>(task: () => Promise<T>): Promise<T> {
  if (typeof navigator === 'undefined' || !navigator.locks) return task();
  let result: { value: T } | undefined;
  await navigator.locks.request('tec-auth-refresh', async () => {
    result = { value: await task() };
  });
  if (!result) throw new Error('refresh lock released without a result');
  return result.value;
}

/**
 * A hint (no secret: just "a refresh cookie was set here") that lets a first-time visitor skip a refresh call that
 * can only fail. The cookie itself is httpOnly, so the page can't look at it directly.
 */
const SESSION_HINT_KEY = 'tec.session-hint';

function setSessionHint(present: boolean): void {
  try {
    if (present) localStorage.setItem(SESSION_HINT_KEY, '1');
    else localStorage.removeItem(SESSION_HINT_KEY);
  } catch {
    // Storage may be disabled (private mode); the hint is only an optimisation.
  }
}

function hasSessionHint(): boolean {
  try {
    return localStorage.getItem(SESSION_HINT_KEY) === '1';
  } catch {
    return true;
  }
}

/** Called once at startup: a valid refresh cookie brings the session back after a reload. */
export function restoreSession(): void {
  if (restoreStarted) return;
  restoreStarted = true;
  if (!hasSessionHint()) {
    setState({ status: 'anonymous', reason: 'initial' });
    return;
  }
  refreshSession().catch((error: unknown) => {
    setState({ status: 'anonymous', reason: isApiError(error) && error.network ? 'unreachable' : 'initial' });
  });
}

export async function signIn(email: string, password: string): Promise<UserProfile> {
  const session = await authApi.login(email, password);
  setSessionHint(true);
  setAuthenticated(session);
  channel?.postMessage('signed-in');
  return session.user;
}

export async function signOut(): Promise<void> {
  try {
    await authApi.logout();
  } catch {
    // Signing out locally must work even when the server can't be reached; the cookie expires on its own.
  }
  clearSession('signed-out');
  channel?.postMessage('signed-out');
}

function tokenExpiresSoon(): boolean {
  return state.status === 'authenticated' && state.expiresAt - Date.now() < MIN_TOKEN_TTL_MS;
}

// A laptop waking from sleep or a throttled background tab may have missed the timer.
if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && state.status === 'authenticated' && state.expiresAt - Date.now() < REFRESH_LEAD_MS) {
      void proactiveRefresh();
    }
  });
}

configureAuthHooks({
  getAccessToken,
  async ensureFreshToken() {
    if (tokenExpiresSoon()) await refreshSession();
  },
  async refreshAccessToken() {
    await refreshSession();
  },
  onSessionLost(_error: ApiError) {
    if (state.status === 'authenticated') clearSession('expired');
  },
});
