import { AckPolicy, type ConsumerConfig, DeliverPolicy, type JetStreamManager, nanos } from 'nats';
import { withPrefix } from '../nats/nats-connection';
import { backoffDelay } from './events-settings';
import { JS_CONSUMER_ALREADY_EXISTS, JS_CONSUMER_NAME_IN_USE, JS_CONSUMER_NOT_FOUND, jetStreamErrorCode } from './jetstream-errors';

/** `core` + `notify_on.grade` → `core-notify_on_grade`: durable names may not hold `.`, `*`, `>` or spaces. */
export function durableConsumerName(serviceName: string, consumer: string): string {
  return `${serviceName}-${consumer}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 200);
}

export interface DurableConsumerSpec {
  name: string;
  subject: string;
  subjectPrefix: string;
  maxDeliver: number;
  ackWaitMs: number;
  retryMaxMs: number;
}

/**
 * Redelivery after an ack timeout (a crashed or stuck consumer) follows `backoff`: ack_wait, then doubling.
 * The server wants fewer backoff steps than deliveries, and uses the first step as the ack wait.
 */
export function consumerBackoff(maxDeliver: number, ackWaitMs: number, retryMaxMs: number): number[] {
  const steps = Math.min(Math.max(0, maxDeliver - 1), 10);
  return Array.from({ length: steps }, (_, index) => backoffDelay(index + 1, ackWaitMs, Math.max(ackWaitMs, retryMaxMs)));
}

export function durableConsumerConfig(spec: DurableConsumerSpec): Partial<ConsumerConfig> & { durable_name: string } {
  const backoff = consumerBackoff(spec.maxDeliver, spec.ackWaitMs, spec.retryMaxMs);
  return {
    durable_name: spec.name,
    filter_subject: withPrefix(spec.subjectPrefix, spec.subject),
    ack_policy: AckPolicy.Explicit,
    // A new consumer reads the stream's history (30 days), so a new read model starts complete.
    deliver_policy: DeliverPolicy.All,
    max_deliver: spec.maxDeliver,
    ack_wait: nanos(spec.ackWaitMs),
    ...(backoff.length > 0 ? { backoff: backoff.map((ms) => nanos(ms)) } : {}),
    max_ack_pending: 1000,
  };
}

/** Creates the durable, or updates it when it exists. Safe when every instance of a service does it at boot. */
export async function ensureDurableConsumer(jsm: JetStreamManager, stream: string, spec: DurableConsumerSpec): Promise<void> {
  const config = durableConsumerConfig(spec);
  const update = async () => {
    const { durable_name: name, filter_subject: _filter, ack_policy: _ack, deliver_policy: _deliver, ...updatable } = config;
    await jsm.consumers.update(stream, name, updatable);
  };
  try {
    await jsm.consumers.info(stream, spec.name);
    await update();
    return;
  } catch (error) {
    if (jetStreamErrorCode(error) !== JS_CONSUMER_NOT_FOUND) throw error;
  }
  try {
    await jsm.consumers.add(stream, config);
  } catch (error) {
    const code = jetStreamErrorCode(error);
    if (code !== JS_CONSUMER_NAME_IN_USE && code !== JS_CONSUMER_ALREADY_EXISTS) throw error;
    await update();
  }
}
