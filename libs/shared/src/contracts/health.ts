import { z } from 'zod';
import { defineRpc, type ServiceName } from './rpc-contract';

export const HealthStatus = z.enum(['ok', 'degraded', 'down']);
export type HealthStatus = z.infer<typeof HealthStatus>;

/** One dependency's state. `error` is a short, public reason (never a stack or an address). */
export const HealthCheck = z.object({
  status: HealthStatus,
  latencyMs: z.number().nonnegative(),
  error: z.string().optional(),
});
export type HealthCheck = z.infer<typeof HealthCheck>;

export const OutboxHealthCheck = HealthCheck.extend({
  pending: z.number().int().nonnegative(),
  oldestAgeMs: z.number().nonnegative(),
});
export type OutboxHealthCheck = z.infer<typeof OutboxHealthCheck>;

export const HealthReport = z.object({
  service: z.string(),
  status: HealthStatus,
  checkedAt: z.iso.datetime(),
  checks: z.object({ database: HealthCheck, nats: HealthCheck, outbox: OutboxHealthCheck }),
});
export type HealthReport = z.infer<typeof HealthReport>;

/** Every service answers `rpc.<service>.health`; the platform kit registers it, services write nothing. */
export function healthRpc(service: ServiceName) {
  return defineRpc(service, 'health', z.object({}).strict(), HealthReport);
}
