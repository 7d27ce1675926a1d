import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import type { ServiceConfig } from '../config/config';
import { createServiceDataSource, migrateSchema } from '../db/data-source';
import { createLogger } from '../logging/logger';
import { DeadLettersRpcRoute } from '../events/dead-letters-rpc.route';
import { EventConsumerHost } from '../events/event-consumer-host';
import { ensureEventStream } from '../events/event-stream';
import { EVENT_STREAM, EVENTS_SETTINGS, type EventsSettings, resolveEventsSettings } from '../events/events-settings';
import { OutboxRelay } from '../events/outbox-relay';
import { HealthHttpServer } from '../health/health-http.server';
import { HealthRpcRoute } from '../health/health-rpc.route';
import { HealthService } from '../health/health.service';
import { connectNats } from '../nats/nats-connection';
import { EventsMetrics } from '../observability/events-metrics';
import { METRICS, PlatformMetrics } from '../observability/metrics';
import { MetricsHttpServer } from '../observability/metrics-http.server';
import { initTracing, shutdownTracing } from '../observability/tracing';
import { RpcClient } from '../rpc/rpc-client';
import { RpcServer } from '../rpc/rpc-server';
import { CONFIG, DATA_SOURCE, LOGGER, NATS_CONNECTION, PLATFORM_OPTIONS, type PlatformOptions } from './tokens';

export interface ServicePlatformOptions<Config extends ServiceConfig> {
  serviceName: PlatformOptions['serviceName'];
  /** Postgres schema owned by the service. */
  schema: string;
  config: Config;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: Function[];
  /** Run pending migrations at boot (under the advisory lock). `npm start` migrates first anyway. */
  migrateOnBoot?: boolean;
  /**
   * Events runtime: the outbox relay and the `@EventHandler` consumers are on by default. Tools that only
   * write (the seed script) pass `{ relay: false, consumers: false }`; their outbox rows wait for a service.
   * Tests shorten the timings here. The config may also carry `eventsConfigShape` variables.
   */
  events?: Partial<EventsSettings>;
  /** Event domains the stream takes (the first token of each subject); the platform's own by default. */
  eventDomains?: readonly string[];
  /** Extra providers that need the platform (schedulers, event handlers). */
  providers?: Provider[];
  logger?: Logger;
}

/**
 * Everything a service needs from the platform, wired once: typed config, pino logger, the schema's
 * DataSource (migrated under the advisory lock), the NATS connection, the RPC server and an RPC client,
 * the events stream, the outbox relay, the event consumers, and `rpc.<service>.health`.
 * The relay and consumers stop in `beforeApplicationShutdown`, so they finish before the connections close here.
 */
@Global()
@Module({})
export class PlatformModule implements OnApplicationShutdown {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
  ) {}

  static forService<Config extends ServiceConfig>(options: ServicePlatformOptions<Config>): DynamicModule {
    const { config } = options;
    const logger = options.logger ?? createLogger({ service: options.serviceName, level: config.LOG_LEVEL });
    const platformOptions: PlatformOptions = {
      serviceName: options.serviceName,
      subjectPrefix: config.NATS_SUBJECT_PREFIX,
    };
    const eventsSettings = resolveEventsSettings(config, options.events);
    initTracing({ serviceName: options.serviceName, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
    const providers: Provider[] = [
      { provide: CONFIG, useValue: config },
      { provide: LOGGER, useValue: logger },
      { provide: PLATFORM_OPTIONS, useValue: platformOptions },
      { provide: METRICS, useFactory: () => new PlatformMetrics(options.serviceName) },
      {
        provide: DATA_SOURCE,
        useFactory: async () => {
          const dataSource = createServiceDataSource({
            schema: options.schema,
            url: config.DATABASE_URL,
            entities: options.entities,
            migrations: options.migrations,
            poolSize: config.DATABASE_POOL_SIZE,
            applicationName: options.serviceName,
          });
          await dataSource.initialize();
          if (options.migrateOnBoot ?? true) await migrateSchema(dataSource, logger);
          return dataSource;
        },
      },
      {
        provide: NATS_CONNECTION,
        useFactory: () => connectNats(config.NATS_URL, options.serviceName, logger),
      },
      {
        provide: RpcClient,
        useFactory: (nats: NatsConnection) => new RpcClient(nats, config.NATS_SUBJECT_PREFIX, config.RPC_TIMEOUT_MS),
        inject: [NATS_CONNECTION],
      },
      { provide: EVENTS_SETTINGS, useValue: eventsSettings },
      {
        provide: EVENT_STREAM,
        useFactory: async (nats: NatsConnection) =>
          eventsSettings.relay || eventsSettings.consumers
            ? ensureEventStream(nats, config.NATS_SUBJECT_PREFIX, options.eventDomains, { replicas: eventsSettings.streamReplicas })
            : null,
        inject: [NATS_CONNECTION],
      },
      OutboxRelay,
      EventConsumerHost,
      HealthService,
      HealthRpcRoute,
      HealthHttpServer,
      DeadLettersRpcRoute,
      RpcServer,
      EventsMetrics,
      MetricsHttpServer,
      ...(options.providers ?? []),
    ];
    const internal = new Set<Provider>([RpcServer, HealthRpcRoute, DeadLettersRpcRoute, EventsMetrics]);
    return {
      module: PlatformModule,
      imports: [DiscoveryModule],
      providers,
      exports: providers.filter((provider) => !internal.has(provider)),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.nats.drain().catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await shutdownTracing();
  }
}
