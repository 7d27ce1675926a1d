import type { UserErasure } from '@tec/shared/contracts';
import { request } from './client';

const path = (userId: string) => `/admin/users/${encodeURIComponent(userId)}`;

/** The ZIP of everything every service holds about the user (fetched with the bearer token, then saved). */
export function exportUserData(userId: string): Promise<Blob> {
  return request(`${path(userId)}/export`, { responseType: 'blob' });
}

export function requestUserErasure(userId: string, reason: string): Promise<UserErasure> {
  return request(`${path(userId)}/erasure`, { method: 'POST', body: { reason } });
}

export function listUserErasures(userId: string, signal?: AbortSignal): Promise<{ items: UserErasure[] }> {
  return request(`${path(userId)}/erasures`, { signal });
}
