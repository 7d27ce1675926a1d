import { z } from 'zod';
import { env } from '../config/config';

/** Injection tokens of the events runtime. */
export const EVENTS_SETTINGS = Symbol('tec:events-settings');
/** Resolves to the events stream name once it exists, so the relay and consumers start after it. */
export const EVENT_STREAM = Symbol('tec:event-stream');

/** What a test may observe or break between a consumer's commit and its ack. */
export interface EventConsumerHooks {
  /**
   * Runs after the consumer's transaction committed and before the ack. Throwing leaves the message
   * unacked, exactly as if the process died there: JetStream redelivers it after `ackWaitMs`.
   */
  beforeAck?: (event: { consumer: string; eventId: string; deliveryCount: number; handled: boolean }) => void | Promise<void>;
}

export interface EventsSettings {
  /** Publish the outbox to JetStream. Off for tools (the seed script) that only write. */
  relay: boolean;
  /** Run the `@EventHandler` consumers. */
  consumers: boolean;
  relayBatchSize: number;
  /**
   * How long a NOTIFY waits before the relay drains, so a burst of commits goes out as one batch (one claim, one
   * pipelined publish, one mark) instead of a transaction per row. Adds at most this much to event latency.
   */
  relayCoalesceMs: number;
  /** Fallback poll; LISTEN/NOTIFY wakes the relay at once in the normal case. */
  relayPollIntervalMs: number;
  relayRetryBaseMs: number;
  relayRetryMaxMs: number;
  publishTimeoutMs: number;
  /** How long JetStream waits for an ack before redelivering (the "crashed consumer" delay). */
  ackWaitMs: number;
  defaultMaxDeliver: number;
  /** Delay of the first nak after a handler error; doubles per delivery up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Messages a consumer holds at once; processed one by one, in order. */
  consumeBatchSize: number;
  /** Copies of the events stream kept by a NATS cluster (1 on a single server; 3 in production). */
  streamReplicas: number;
  hooks: EventConsumerHooks;
}

export const DEFAULT_EVENTS_SETTINGS: Readonly<EventsSettings> = Object.freeze({
  relay: true,
  consumers: true,
  relayBatchSize: 100,
  relayCoalesceMs: 5,
  relayPollIntervalMs: 1000,
  relayRetryBaseMs: 1000,
  relayRetryMaxMs: 5 * 60 * 1000,
  publishTimeoutMs: 5000,
  ackWaitMs: 30_000,
  defaultMaxDeliver: 5,
  retryBaseMs: 1000,
  retryMaxMs: 60_000,
  consumeBatchSize: 10,
  streamReplicas: 1,
  hooks: {},
});

/**
 * Optional env variables a service may add to its config shape (`...eventsConfigShape`) to tune events
 * without code. `PlatformModule` reads them from the config object when they are there.
 */
export const eventsConfigShape = {
  OUTBOX_RELAY_ENABLED: env.boolean(true),
  EVENT_CONSUMERS_ENABLED: env.boolean(true),
  OUTBOX_POLL_INTERVAL_MS: env.int(DEFAULT_EVENTS_SETTINGS.relayPollIntervalMs),
  OUTBOX_COALESCE_MS: env.int(DEFAULT_EVENTS_SETTINGS.relayCoalesceMs),
  EVENT_ACK_WAIT_MS: env.int(DEFAULT_EVENTS_SETTINGS.ackWaitMs),
  EVENT_RETRY_BASE_MS: env.int(DEFAULT_EVENTS_SETTINGS.retryBaseMs),
  EVENT_RETRY_MAX_MS: env.int(DEFAULT_EVENTS_SETTINGS.retryMaxMs),
  /** JetStream replicas of the events stream: 3 on a 3-node NATS cluster (deploy/k8s), 1 on one server. */
  EVENT_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(DEFAULT_EVENTS_SETTINGS.streamReplicas),
};

function pick<T extends number | boolean>(config: object, key: string, fallback: T): T {
  const value = (config as Record<string, unknown>)[key];
  return typeof value === typeof fallback ? (value as T) : fallback;
}

/** Defaults, then whatever the config object carries, then explicit overrides from code. */
export function resolveEventsSettings(config: object, overrides: Partial<EventsSettings> = {}): EventsSettings {
  const d = DEFAULT_EVENTS_SETTINGS;
  return {
    ...d,
    relay: pick(config, 'OUTBOX_RELAY_ENABLED', d.relay),
    consumers: pick(config, 'EVENT_CONSUMERS_ENABLED', d.consumers),
    relayPollIntervalMs: pick(config, 'OUTBOX_POLL_INTERVAL_MS', d.relayPollIntervalMs),
    relayCoalesceMs: pick(config, 'OUTBOX_COALESCE_MS', d.relayCoalesceMs),
    ackWaitMs: pick(config, 'EVENT_ACK_WAIT_MS', d.ackWaitMs),
    retryBaseMs: pick(config, 'EVENT_RETRY_BASE_MS', d.retryBaseMs),
    retryMaxMs: pick(config, 'EVENT_RETRY_MAX_MS', d.retryMaxMs),
    streamReplicas: pick(config, 'EVENT_STREAM_REPLICAS', d.streamReplicas),
    ...overrides,
    hooks: { ...d.hooks, ...overrides.hooks },
  };
}

/** Exponential backoff: base, 2×base, 4×base … capped. `attempt` starts at 1. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
}
