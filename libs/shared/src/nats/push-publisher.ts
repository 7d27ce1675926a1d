import type { NatsConnection } from 'nats';
import { PUSH_BATCH_SUBJECT, pushSubject, type PushMessage } from '../contracts/push';
import { currentCorrelationId } from '../context/request-context';
import { correlationHeaders, withPrefix } from './nats-connection';
import { TurnBatches } from './turn-batches';

const encoder = new TextEncoder();

/** The most pushes one batch message carries, and its size bound (far below NATS's 1 MB max_payload). */
const LIMITS = { maxItems: 256, maxBytes: 256 * 1024 };

interface Push {
  json: string;
  /** The push's room subject: where a batch of one goes. */
  subject: string;
  correlationId: string;
}

/** Per connection: the pushes of the current event-loop turn, by subject prefix. */
const batches = new WeakMap<NatsConnection, TurnBatches<Push>>();

/**
 * Sends a real-time push to a room through every gateway instance. Best effort by design: call it after the
 * change has committed, and let clients resync on reconnect.
 *
 * The pushes a process makes in one event-loop turn (a group commit of 40 chat messages, a burst of check-ins)
 * leave as ONE NATS message on `push.batch`, in order; a lone push goes on its room's subject `push.<kind>.<id>`
 * as before. Every gateway relays both (it subscribes to `push.>`), so order within a room is kept.
 */
export function publishPush(nats: NatsConnection, subjectPrefix: string, message: PushMessage): void {
  let pushes = batches.get(nats);
  if (!pushes) {
    pushes = new TurnBatches<Push>(LIMITS, (prefix, items) => flush(nats, prefix, items));
    batches.set(nats, pushes);
  }
  const json = JSON.stringify(message);
  pushes.add(subjectPrefix, { json, subject: pushSubject(message.room.kind, message.room.id), correlationId: currentCorrelationId() }, json.length + 1);
}

/** Never throws: it runs outside the caller (setImmediate), and a push lost to a closing connection is resynced by clients. */
function flush(nats: NatsConnection, subjectPrefix: string, items: Push[]): void {
  if (items.length === 0 || nats.isClosed()) return;
  const headers = correlationHeaders(items[0]!.correlationId);
  try {
    if (items.length === 1) nats.publish(withPrefix(subjectPrefix, items[0]!.subject), encoder.encode(items[0]!.json), { headers });
    else nats.publish(withPrefix(subjectPrefix, PUSH_BATCH_SUBJECT), encoder.encode(`{"items":[${items.map((item) => item.json).join(',')}]}`), { headers });
  } catch {
    // Draining or closed between the push and its turn's end: nothing to do (best effort, see above).
  }
}
