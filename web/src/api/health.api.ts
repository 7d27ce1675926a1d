import { isApiError } from './api-error';
import { request } from './client';
import type { GatewayHealth } from './types';

export function getHealth(signal?: AbortSignal): Promise<GatewayHealth> {
  return request<GatewayHealth>('/health', { signal, auth: false });
}

/** A degraded gateway answers 503 with the report as its body; `toApiError` keeps that body in `details`. */
export function healthFromError(error: unknown): GatewayHealth | undefined {
  return isApiError(error) && isGatewayHealth(error.details) ? error.details : undefined;
}

export function isGatewayHealth(value: unknown): value is GatewayHealth {
  return typeof value === 'object' && value !== null && 'status' in value && 'services' in value;
}
