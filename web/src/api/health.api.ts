import { request } from './client';
import type { HealthReport } from './types';

export function getHealth(signal?: AbortSignal): Promise<HealthReport> {
  return request<HealthReport>('/health', { signal, auth: false });
}
