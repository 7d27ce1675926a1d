import type { NatsConnection } from 'nats';
import { PUSH_BATCH_SUBJECT, pushSubject, type PushMessage } from '../contracts/push';
import { currentCorrelationId } from '../context/request-context';
import { correlationHeaders, withPrefix } from './nats-connection';

const encoder = new TextEncoder();

/** The most pushes one batch message carries, and its size bound (far below NATS's 1 MB max_payload). */
const MAX_BATCH_ITEMS = 256;
const MAX_BATCH_BYTES = 256 * 1024;

interface FormingPushes {
  /** The room subject of the first push: where a batch of one goes. */
  firstSubject: string;
  items: string[];
  bytes: number;
  correlationId: string;
}

/** Per connection and subject prefix: the pushes of the current event-loop turn. */
const forming = new WeakMap<NatsConnection, Map<string, FormingPushes>>();

/**
 * Sends a real-time push to a room through every gateway instance. Best effort by design: call it after the
 * change has committed, and let clients resync on reconnect.
 *
 * The pushes a process makes in one event-loop turn (a group commit of 40 chat messages, a burst of check-ins)
 * leave as ONE NATS message on `push.batch`, in order; a lone push goes on its room's subject `push.<kind>.<id>`
 * as before. Every gateway relays both (it subscribes to `push.>`), so order within a room is kept.
 */
export function publishPush(nats: NatsConnection, subjectPrefix: string, message: PushMessage): void {
  const json = JSON.stringify(message);
  let byPrefix = forming.get(nats);
  if (!byPrefix) {
    byPrefix = new Map();
    forming.set(nats, byPrefix);
  }
  let batch = byPrefix.get(subjectPrefix);
  if (batch && (batch.items.length >= MAX_BATCH_ITEMS || batch.bytes + json.length > MAX_BATCH_BYTES)) {
    byPrefix.delete(subjectPrefix);
    flush(nats, subjectPrefix, batch);
    batch = undefined;
  }
  if (!batch) {
    const created: FormingPushes = { firstSubject: pushSubject(message.room.kind, message.room.id), items: [], bytes: 0, correlationId: currentCorrelationId() };
    byPrefix.set(subjectPrefix, created);
    const owner = byPrefix;
    setImmediate(() => {
      if (owner.get(subjectPrefix) === created) owner.delete(subjectPrefix);
      flush(nats, subjectPrefix, created);
    });
    batch = created;
  }
  batch.items.push(json);
  batch.bytes += json.length + 1;
}

/** Never throws: it runs outside the caller (setImmediate), and a push lost to a closing connection is resynced by clients. */
function flush(nats: NatsConnection, subjectPrefix: string, batch: FormingPushes): void {
  if (batch.items.length === 0 || nats.isClosed()) return;
  const items = batch.items.splice(0);
  const headers = correlationHeaders(batch.correlationId);
  try {
    if (items.length === 1) nats.publish(withPrefix(subjectPrefix, batch.firstSubject), encoder.encode(items[0]), { headers });
    else nats.publish(withPrefix(subjectPrefix, PUSH_BATCH_SUBJECT), encoder.encode(`{"items":[${items.join(',')}]}`), { headers });
  } catch {
    // Draining or closed between the push and its turn's end: nothing to do (best effort, see above).
  }
}
