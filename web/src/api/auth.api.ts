import { request } from './client';
import type { AuthSession, SessionInfo } from './types';

// Auth calls send the refresh cookie (httpOnly, path /api/v1/auth) and never a bearer token:
// a TOKEN_EXPIRED here must not trigger the refresh-and-retry loop.
const cookieOnly = { auth: false, credentials: 'include' } as const;

export function login(email: string, password: string): Promise<AuthSession> {
  return request<AuthSession>('/auth/login', { ...cookieOnly, method: 'POST', body: { email, password } });
}

export function refresh(): Promise<AuthSession> {
  return request<AuthSession>('/auth/refresh', { ...cookieOnly, method: 'POST', body: {} });
}

export function logout(): Promise<void> {
  return request<void>('/auth/logout', { ...cookieOnly, method: 'POST', body: {} });
}

export function getSession(signal?: AbortSignal): Promise<SessionInfo> {
  return request<SessionInfo>('/auth/session', { signal });
}
