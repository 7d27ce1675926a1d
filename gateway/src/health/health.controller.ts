import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { healthRpc, HealthReport, NATS_CONNECTION, RpcClient, type NatsConnection, type ServiceName } from '@tec/shared';
import type { GatewayConfig } from '../config';
import { Endpoint } from '../http/endpoint.decorator';
import { GATEWAY_CONFIG } from '../tokens';

const SERVICE_HEALTH_TIMEOUT_MS = 2000;

const ServiceHealth = z.union([HealthReport, z.object({ service: z.string(), status: z.literal('down'), error: z.string() })]);
const GatewayHealth = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  checkedAt: z.iso.datetime(),
  gateway: z.object({ nats: z.object({ status: z.enum(['ok', 'down']), latencyMs: z.number() }) }),
  services: z.record(z.string(), ServiceHealth),
});
type GatewayHealth = z.infer<typeof GatewayHealth>;
const GatewayProbe = z.object({ status: z.enum(['ok', 'down']) });
type GatewayProbe = z.infer<typeof GatewayProbe>;
const PROBE_TIMEOUT_MS = 1000;

/** Reports the gateway's NATS link and every service's own health (database, NATS, outbox lag). 503 when not ok. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get()
  @Endpoint({ tag: 'health', summary: 'Health of the gateway, every service and their dependencies', access: { kind: 'public' }, response: GatewayHealth })
  async health(@Res({ passthrough: true }) response: Response): Promise<GatewayHealth> {
    const started = Date.now();
    const natsStatus = await this.nats
      .flush()
      .then(() => 'ok' as const)
      .catch(() => 'down' as const);
    const natsCheck = { status: natsStatus, latencyMs: Date.now() - started };
    const entries = await Promise.all(
      this.config.GATEWAY_SERVICES.map(async (service) => {
        try {
          const report = await this.rpc.call(healthRpc(service as ServiceName), {}, { kind: 'service', service: 'gateway' }, { timeoutMs: SERVICE_HEALTH_TIMEOUT_MS });
          return [service, report] as const;
        } catch (error) {
          return [service, { service, status: 'down' as const, error: error instanceof Error ? error.message : 'unreachable' }] as const;
        }
      }),
    );
    const services = Object.fromEntries(entries);
    const statuses = [natsCheck.status, ...entries.map(([, report]) => report.status)];
    const status = statuses.every((s) => s === 'ok') ? 'ok' : statuses.some((s) => s === 'ok') ? 'degraded' : 'down';
    if (status !== 'ok') response.status(503);
    return { status, checkedAt: new Date().toISOString(), gateway: { nats: natsCheck }, services };
  }

  /**
   * Liveness probe (deploy/k8s): the process answers and its NATS connection is not closed for good (it
   * reconnects forever, so closed means only a restart helps). Never depends on the services.
   */
  @Get('live')
  @Endpoint({ tag: 'health', summary: 'Liveness of this gateway instance (for orchestrators)', access: { kind: 'public' }, response: GatewayProbe })
  live(@Res({ passthrough: true }) response: Response): GatewayProbe {
    const closed = this.nats.isClosed();
    if (closed) response.status(503);
    return { status: closed ? 'down' : 'ok' };
  }

  /**
   * Readiness probe (deploy/k8s, nginx): this instance can reach NATS, so it can serve. Deliberately not the
   * services' health: one slow service must not take every gateway out of the load balancer.
   */
  @Get('ready')
  @Endpoint({ tag: 'health', summary: 'Readiness of this gateway instance (for orchestrators)', access: { kind: 'public' }, response: GatewayProbe })
  async ready(@Res({ passthrough: true }) response: Response): Promise<GatewayProbe> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), PROBE_TIMEOUT_MS);
    });
    const ok = await Promise.race([this.nats.flush(), timeout]).then(
      () => true,
      () => false,
    );
    clearTimeout(timer);
    if (!ok) response.status(503);
    return { status: ok ? 'ok' : 'down' };
  }
}
