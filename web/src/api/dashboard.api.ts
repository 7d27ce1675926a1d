import { request } from './client';
import type { DashboardSummary } from './types';

export function getDashboard(signal?: AbortSignal): Promise<DashboardSummary> {
  return request<DashboardSummary>('/dashboard', { signal });
}
