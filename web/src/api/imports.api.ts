import { request } from './client';
import type { RosterImport } from './types';

export function startRosterImport(csv: string): Promise<{ importId: string }> {
  return request<{ importId: string }>('/imports/roster', { method: 'POST', body: { csv } });
}

export function getImport(importId: string, signal?: AbortSignal): Promise<RosterImport> {
  return request<RosterImport>(`/imports/${encodeURIComponent(importId)}`, { signal });
}
