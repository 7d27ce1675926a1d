import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { ConsumerMessages, NatsConnection } from 'nats';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, LOGGER, NATS_CONNECTION, PLATFORM_OPTIONS, type PlatformOptions } from '../nest/tokens';
import { durableConsumerName, ensureDurableConsumer } from './event-consumer-config';
import { type ConsumerBinding, type DeliveryOutcome, processDelivery } from './event-delivery';
import { EVENT_HANDLER, type EventHandlerFn, type EventHandlerMetadata } from './event-handler.decorator';
import { EVENT_STREAM, EVENTS_SETTINGS, type EventsSettings } from './events-settings';
import { errorMessage } from './jetstream-errors';
import { extractTraceHeaders, inSpan, SpanKind } from '../observability/tracing';

interface RunningConsumer {
  binding: ConsumerBinding;
  messages: ConsumerMessages;
  loop: Promise<void>;
}

/**
 * Finds every `@EventHandler` method and runs one durable pull consumer per handler. All instances of a
 * service bind to the same durable, so JetStream spreads the events across them (that is the scale-out).
 * Each consumer processes its messages one at a time, so a handler sees events in stream order.
 */
@Injectable()
export class EventConsumerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private bindings: ConsumerBinding[] = [];
  private running: RunningConsumer[] = [];
  private readonly outcomeListeners = new Set<(consumer: string, outcome: DeliveryOutcome) => void>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(PLATFORM_OPTIONS) private readonly options: PlatformOptions,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(EVENTS_SETTINGS) private readonly settings: EventsSettings,
    @Inject(EVENT_STREAM) private readonly streamName: string | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.bindings = this.discover();
    if (this.settings.consumers && this.streamName) await this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Durable names of the discovered handlers. */
  consumers(): string[] {
    return this.bindings.map((binding) => binding.name);
  }

  /** Observes each delivery's outcome (metrics, tests). Returns an unsubscribe function. */
  onOutcome(listener: (consumer: string, outcome: DeliveryOutcome) => void): () => void {
    this.outcomeListeners.add(listener);
    return () => this.outcomeListeners.delete(listener);
  }

  async start(): Promise<void> {
    if (this.running.length > 0 || !this.streamName) return;
    const stream = this.streamName;
    const jsm = await this.nats.jetstreamManager();
    const js = this.nats.jetstream();
    for (const binding of this.bindings) {
      await ensureDurableConsumer(jsm, stream, {
        name: binding.name,
        subject: binding.contract.subject,
        subjectPrefix: this.options.subjectPrefix,
        maxDeliver: binding.maxDeliver,
        ackWaitMs: this.settings.ackWaitMs,
        retryMaxMs: this.settings.retryMaxMs,
      });
      const consumer = await js.consumers.get(stream, binding.name);
      const messages = await consumer.consume({ max_messages: this.settings.consumeBatchSize });
      this.running.push({ binding, messages, loop: this.loop(binding, messages) });
    }
    if (this.bindings.length > 0) this.logger.info({ consumers: this.consumers(), stream }, 'event consumers started');
  }

  /**
   * Stops pulling and waits for the message in hand. Messages pulled but not yet processed are never acked,
   * so JetStream hands them to another instance (or this one after a restart) after the ack wait.
   */
  async stop(): Promise<void> {
    const running = this.running;
    this.running = [];
    for (const consumer of running) consumer.messages.stop();
    await Promise.allSettled(running.map((consumer) => consumer.loop));
  }

  private async loop(binding: ConsumerBinding, messages: ConsumerMessages): Promise<void> {
    const deps = { dataSource: this.dataSource, logger: this.logger, settings: this.settings };
    try {
      for await (const message of messages) {
        if (!this.running.some((consumer) => consumer.messages === messages)) break;
        // The consumer's span is a child of the relay's publish span (its traceparent is in the message headers).
        const spanOptions = {
          kind: SpanKind.CONSUMER,
          parent: extractTraceHeaders(message.headers),
          attributes: {
            'messaging.system': 'nats',
            'messaging.destination.name': binding.contract.subject,
            'messaging.consumer.group.name': binding.name,
            'messaging.message.id': message.headers?.get('Nats-Msg-Id') ?? '',
            'tec.service': this.options.serviceName,
          },
        };
        const outcome = await inSpan(`${binding.contract.subject} process`, spanOptions, async (span): Promise<DeliveryOutcome> => {
          let result: DeliveryOutcome;
          try {
            result = await processDelivery(message, binding, deps);
          } catch (error) {
            this.logger.error({ err: errorMessage(error), consumer: binding.name }, 'event delivery failed unexpectedly');
            message.nak(this.settings.retryBaseMs);
            result = 'retrying';
          }
          span.setAttribute('tec.delivery_outcome', result);
          return result;
        });
        for (const listener of this.outcomeListeners) listener(binding.name, outcome);
      }
    } catch (error) {
      this.logger.error({ err: errorMessage(error), consumer: binding.name }, 'event consumer stopped');
    }
  }

  private discover(): ConsumerBinding[] {
    const bindings: ConsumerBinding[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const metadata = Reflect.getMetadata(EVENT_HANDLER, fn) as EventHandlerMetadata | undefined;
        if (!metadata) continue;
        const name = durableConsumerName(this.options.serviceName, metadata.consumer);
        if (bindings.some((binding) => binding.name === name)) {
          throw new Error(`Two @EventHandler methods use the consumer name "${metadata.consumer}"`);
        }
        const maxDeliver = metadata.maxDeliver ?? this.settings.defaultMaxDeliver;
        if (!Number.isInteger(maxDeliver) || maxDeliver < 1) throw new Error(`maxDeliver of "${metadata.consumer}" must be a positive integer`);
        bindings.push({ name, contract: metadata.contract, maxDeliver, handler: (fn as EventHandlerFn).bind(instance) });
      }
    }
    return bindings;
  }
}
