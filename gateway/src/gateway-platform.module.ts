import { createPublicKey } from 'node:crypto';
import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { connectNats, createLogger, LOGGER, METRICS, NATS_CONNECTION, PlatformMetrics, RpcClient, type Logger, type NatsConnection } from '@tec/shared';
import { readPublicKey, type GatewayConfig } from './config';
import { GATEWAY_CONFIG, JWT_PUBLIC_KEY } from './tokens';

/** The gateway's share of the platform: config, logger, NATS and the RPC client. It has no database. */
@Global()
@Module({})
export class GatewayPlatformModule implements OnApplicationShutdown {
  constructor(@Inject(NATS_CONNECTION) private readonly nats: NatsConnection) {}

  static forRoot(config: GatewayConfig, logger?: Logger): DynamicModule {
    const log = logger ?? createLogger({ service: 'gateway', level: config.LOG_LEVEL });
    const providers = [
      { provide: GATEWAY_CONFIG, useValue: config },
      { provide: LOGGER, useValue: log },
      { provide: METRICS, useFactory: () => new PlatformMetrics('gateway', { edge: true }) },
      { provide: JWT_PUBLIC_KEY, useValue: createPublicKey(readPublicKey(config)) },
      { provide: NATS_CONNECTION, useFactory: () => connectNats(config.NATS_URL, 'gateway', log) },
      {
        provide: RpcClient,
        useFactory: (nats: NatsConnection) => new RpcClient(nats, config.NATS_SUBJECT_PREFIX, config.RPC_TIMEOUT_MS),
        inject: [NATS_CONNECTION],
      },
    ];
    return { module: GatewayPlatformModule, providers, exports: providers.map((provider) => provider.provide) };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.nats.drain().catch(() => undefined);
  }
}
