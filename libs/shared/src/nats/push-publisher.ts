import type { NatsConnection } from 'nats';
import type { PushMessage } from '../contracts/push';
import { pushSubject } from '../contracts/push';
import { currentCorrelationId } from '../context/request-context';
import { correlationHeaders, withPrefix } from './nats-connection';

const encoder = new TextEncoder();

/**
 * Sends a real-time push to a room through every gateway instance. Best effort by design: call it after the
 * change has committed, and let clients resync on reconnect.
 */
export function publishPush(nats: NatsConnection, subjectPrefix: string, message: PushMessage): void {
  nats.publish(withPrefix(subjectPrefix, pushSubject(message.room.kind, message.room.id)), encoder.encode(JSON.stringify(message)), {
    headers: correlationHeaders(currentCorrelationId()),
  });
}
