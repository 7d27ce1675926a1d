import { type NatsConnection, nanos, RetentionPolicy, StorageType, type StreamConfig } from 'nats';
import { EVENT_DOMAINS } from '../contracts/event-contract';
import { withPrefix } from '../nats/nats-connection';
import { JS_STREAM_NAME_IN_USE, JS_STREAM_NOT_FOUND, JS_STREAM_SUBJECT_OVERLAP, jetStreamErrorCode } from './jetstream-errors';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `EVENTS` in production; `T123_EVENTS` under the prefix `t123`, so parallel test runs never share a stream. */
export function eventStreamName(subjectPrefix: string): string {
  const base = 'EVENTS';
  return subjectPrefix ? `${subjectPrefix.toUpperCase().replace(/[^A-Z0-9_-]/g, '_')}_${base}` : base;
}

/**
 * Every versioned event of the known domains (`<domain>.v1.>`, `<domain>.v2.>`) under the prefix. Domains are
 * named, not `*`: NATS treats `*.v1.>` as overlapping every prefixed `<p>.*.v1.>`, which would stop a dev stack
 * and a test run from sharing a server.
 */
export function eventStreamSubjects(subjectPrefix: string, domains: readonly string[] = EVENT_DOMAINS): string[] {
  return domains.flatMap((domain) => [withPrefix(subjectPrefix, `${domain}.v1.>`), withPrefix(subjectPrefix, `${domain}.v2.>`)]);
}

export interface EventStreamOptions {
  /** JetStream copies of the stream (`EVENT_STREAM_REPLICAS`): 3 on a NATS cluster, 1 on a single server. */
  replicas?: number;
}

export function eventStreamConfig(
  subjectPrefix: string,
  domains: readonly string[] = EVENT_DOMAINS,
  options: EventStreamOptions = {},
): Partial<StreamConfig> & { name: string } {
  return {
    name: eventStreamName(subjectPrefix),
    subjects: eventStreamSubjects(subjectPrefix, domains),
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    // The relay may re-publish a row after a crash; Nats-Msg-Id = event id dedups it within this window.
    duplicate_window: nanos(2 * 60 * 1000),
    // Long enough for a new consumer (a new service, a rebuilt read model) to catch up from history.
    max_age: nanos(30 * DAY_MS),
    num_replicas: options.replicas ?? 1,
  };
}

/**
 * Creates the events stream or brings its config up to date. Idempotent, and safe when several processes
 * boot at once: whoever loses the race to create it updates it instead.
 */
export async function ensureEventStream(
  nats: NatsConnection,
  subjectPrefix: string,
  domains: readonly string[] = EVENT_DOMAINS,
  options: EventStreamOptions = {},
): Promise<string> {
  const jsm = await nats.jetstreamManager();
  const config = eventStreamConfig(subjectPrefix, domains, options);
  const { name, ...updatable } = config;
  // The replica count is updated in place too (NATS scales a stream up or down), but only when it was asked
  // for: a tool that does not say leaves the running stream's count alone.
  const update = async () => {
    await jsm.streams.update(name, {
      subjects: updatable.subjects,
      duplicate_window: updatable.duplicate_window,
      max_age: updatable.max_age,
      ...(options.replicas !== undefined ? { num_replicas: options.replicas } : {}),
    });
  };
  try {
    await jsm.streams.info(name);
    await update();
    return name;
  } catch (error) {
    if (jetStreamErrorCode(error) !== JS_STREAM_NOT_FOUND) throw error;
  }
  try {
    await jsm.streams.add(config);
  } catch (error) {
    const code = jetStreamErrorCode(error);
    if (code === JS_STREAM_SUBJECT_OVERLAP) throw overlapError(name, config.subjects ?? []);
    if (code !== JS_STREAM_NAME_IN_USE) throw error;
    await update();
  }
  return name;
}

/** Another stream already takes some of these subjects: say so plainly instead of NATS' bare "subjects overlap". */
function overlapError(name: string, subjects: string[]): Error {
  return new Error(
    `Can't create JetStream stream ${name} (${subjects.join(', ')}): another stream on this NATS server holds ` +
      'overlapping subjects. Every stack sharing a server needs its own NATS_SUBJECT_PREFIX.',
  );
}

/** Removes the stream and, with it, its consumers. For tests and tools, never for a running service. */
export async function deleteEventStream(nats: NatsConnection, subjectPrefix: string): Promise<boolean> {
  const jsm = await nats.jetstreamManager();
  try {
    return await jsm.streams.delete(eventStreamName(subjectPrefix));
  } catch (error) {
    if (jetStreamErrorCode(error) === JS_STREAM_NOT_FOUND) return false;
    throw error;
  }
}
