import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-error';

/** Retrying helps only with transient failures; a 4xx answer will be the same the second time. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  if (!isApiError(error)) return true;
  return error.network || error.status >= 500 || error.code === 'RATE_LIMITED';
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}
