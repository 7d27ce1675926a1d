import { request } from './client';
import { healthFromError } from './health.api';
import type { DeadLetterPage, DeadLetterReplayed, GatewayHealth } from './types';

/**
 * The full health report for the Operations page. Sent with the admin's token, and a 503 that carries the report
 * (some service degraded or down) resolves with it: for this page a degraded system is data, not a failed request.
 */
export async function getSystemHealth(signal?: AbortSignal): Promise<GatewayHealth> {
  try {
    return await request<GatewayHealth>('/health', { signal });
  } catch (error) {
    const report = healthFromError(error);
    if (report) return report;
    throw error;
  }
}

export interface DeadLetterQuery {
  service: string;
  before?: string | null;
  limit?: number;
}

/** A service's dead letters, newest first. Another service than core answers 503 SERVICE_UNAVAILABLE until it runs. */
export function listDeadLetters({ service, before, limit }: DeadLetterQuery, signal?: AbortSignal): Promise<DeadLetterPage> {
  return request<DeadLetterPage>(`/admin/dead-letters/${encodeURIComponent(service)}`, { signal, query: { limit, before } });
}

/** Publishes the event again to the consumers that failed it and deletes the letter; 404 once already replayed. */
export function replayDeadLetter(service: string, deadLetterId: string): Promise<DeadLetterReplayed> {
  return request<DeadLetterReplayed>(
    `/admin/dead-letters/${encodeURIComponent(service)}/${encodeURIComponent(deadLetterId)}/replay`,
    { method: 'POST' },
  );
}
