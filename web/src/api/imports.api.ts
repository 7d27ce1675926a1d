import { request } from './client';
import type { RosterImportProgress } from './types';

export function startRosterImport(csv: string): Promise<{ importId: string }> {
  return request<{ importId: string }>('/imports/roster', { method: 'POST', body: { csv } });
}

export function getImport(importId: string, signal?: AbortSignal): Promise<RosterImportProgress> {
  return request<RosterImportProgress>(`/imports/${encodeURIComponent(importId)}`, { signal });
}
