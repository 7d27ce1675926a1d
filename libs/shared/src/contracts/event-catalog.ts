import { z } from 'zod';
import { attendanceEvents } from './attendance/events.contracts';
import { chatEvents } from './chat/chat.events';
import { coreEvents } from './core/events.contracts';
import { userErasedEvents } from './data-rights';
import { liveClassesEvents } from './live-classes/events.contracts';
import { notificationsEvents } from './notifications/notifications.events';
import { parentPortalEvents } from './parent-portal';
import type { EventContract } from './event-contract';

/**
 * Every event subject the platform publishes, for the AsyncAPI document and for checks that a subject is never
 * defined twice. A new service adds its `<domain>Events` map here.
 */
export const EVENT_CATALOG: readonly { producer: string; events: Record<string, EventContract> }[] = [
  { producer: 'core', events: coreEvents },
  { producer: 'attendance', events: attendanceEvents },
  { producer: 'notifications', events: notificationsEvents },
  { producer: 'chat', events: chatEvents },
  { producer: 'parent-portal', events: parentPortalEvents },
  { producer: 'live-classes', events: liveClassesEvents },
  ...Object.entries(userErasedEvents).map(([producer, event]) => ({ producer, events: { userErased: event } })),
];

export function allEventContracts(): EventContract[] {
  return EVENT_CATALOG.flatMap((entry) => Object.values(entry.events));
}

/**
 * AsyncAPI 3.0 document of every subject: one channel per subject, the payload as JSON Schema, and the
 * envelope every message travels in. Generated from the contracts; `docs/asyncapi.json` is its committed copy.
 */
export function buildAsyncApiDocument(): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const { producer, events } of EVENT_CATALOG) {
    for (const [name, contract] of Object.entries(events)) {
      const id = contract.subject.replace(/\./g, '_');
      messages[id] = {
        name: contract.subject,
        title: name,
        summary: contract.description,
        contentType: 'application/json',
        headers: {
          type: 'object',
          properties: {
            'Nats-Msg-Id': { type: 'string', description: 'The event id; JetStream deduplicates re-publishes' },
            'x-correlation-id': { type: 'string' },
          },
        },
        payload: {
          type: 'object',
          required: ['id', 'subject', 'occurredAt', 'producer', 'correlationId', 'payload'],
          properties: {
            id: { type: 'string', format: 'uuid' },
            subject: { const: contract.subject },
            occurredAt: { type: 'string', format: 'date-time' },
            producer: { const: producer },
            correlationId: { type: 'string' },
            payload: z.toJSONSchema(contract.schema, { io: 'output', unrepresentable: 'any' }),
          },
        },
      };
      channels[id] = { address: contract.subject, messages: { [id]: { $ref: `#/components/messages/${id}` } } };
      operations[`publish_${id}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${id}` },
        summary: `${producer} publishes ${contract.subject}`,
      };
    }
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'TEC LMS Engage events',
      version: '1.0.0',
      description:
        'Domain events on NATS JetStream (stream EVENTS). Subjects are <domain>.v<N>.<event> and are persisted contracts: ' +
        'a breaking change adds v2 beside v1. Delivery is at least once; deduplicate by the envelope id.',
    },
    servers: { local: { host: '127.0.0.1:4222', protocol: 'nats' } },
    channels,
    operations,
    components: { messages },
  };
}
