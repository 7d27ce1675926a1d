import type { JsMsg } from 'nats';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { type EventContract, EventEnvelope } from '../contracts/event-contract';
import { runWithContext, sanitizeCorrelationId } from '../context/request-context';
import { toValidationIssues } from '../errors/zod-issues';
import { CORRELATION_HEADER } from '../nats/nats-connection';
import { recordDeadLetter } from './dead-letter.repository';
import type { EventHandlerFn } from './event-handler.decorator';
import { backoffDelay, type EventsSettings } from './events-settings';
import { errorMessage } from './jetstream-errors';
import { schemaOf } from './outbox.repository';

export interface ConsumerBinding {
  /** The durable name; also the inbox and dead-letter `consumer`. */
  name: string;
  contract: EventContract;
  maxDeliver: number;
  handler: EventHandlerFn;
}

export type DeliveryOutcome = 'handled' | 'duplicate' | 'dead_lettered' | 'retrying' | 'abandoned';

export interface DeliveryDeps {
  dataSource: DataSource;
  logger: Logger;
  settings: EventsSettings;
}

const decoder = new TextDecoder();

type Parsed = { ok: true; envelope: EventEnvelope; payload: unknown } | { ok: false; reason: string; raw: unknown; eventId: string | null };

function parse(message: JsMsg, contract: EventContract): Parsed {
  let raw: unknown;
  try {
    raw = JSON.parse(decoder.decode(message.data));
  } catch {
    return { ok: false, reason: 'The message body is not JSON', raw: { text: decoder.decode(message.data).slice(0, 2000) }, eventId: null };
  }
  const envelope = EventEnvelope.safeParse(raw);
  if (!envelope.success) {
    const id = (raw as { id?: unknown } | null)?.id;
    return { ok: false, reason: `Invalid envelope: ${JSON.stringify(toValidationIssues(envelope.error))}`, raw, eventId: typeof id === 'string' ? id : null };
  }
  if (envelope.data.subject !== contract.subject) {
    return { ok: false, reason: `Subject ${envelope.data.subject} does not match ${contract.subject}`, raw, eventId: envelope.data.id };
  }
  const payload = contract.schema.safeParse(envelope.data.payload);
  if (!payload.success) {
    return { ok: false, reason: `Invalid payload: ${JSON.stringify(toValidationIssues(payload.error))}`, raw, eventId: envelope.data.id };
  }
  return { ok: true, envelope: envelope.data, payload: payload.data };
}

async function deadLetter(deps: DeliveryDeps, binding: ConsumerBinding, message: JsMsg, letter: { eventId: string | null; envelope: unknown; reason: string }): Promise<DeliveryOutcome> {
  try {
    await deps.dataSource.transaction((manager) =>
      recordDeadLetter(manager, { consumer: binding.name, subject: binding.contract.subject, deliveries: message.info.deliveryCount, ...letter }),
    );
  } catch (error) {
    // Without the record we must not drop the event: let JetStream redeliver it (it may still have deliveries left).
    deps.logger.error({ err: errorMessage(error), consumer: binding.name, eventId: letter.eventId }, 'could not record dead letter');
    message.nak(deps.settings.retryBaseMs);
    return 'retrying';
  }
  // No reason argument: `+TERM <reason>` needs nats-server 2.10.4+, older servers ignore it and redeliver.
  message.term();
  deps.logger.warn({ consumer: binding.name, eventId: letter.eventId, reason: letter.reason }, 'event dead-lettered');
  return 'dead_lettered';
}

/**
 * One delivery: validate, then in ONE transaction claim the inbox row and run the handler, commit, and only
 * then ack. Bad data is dead-lettered at once (retrying can't fix it); a failing handler is retried with
 * backoff and dead-lettered on its last delivery.
 */
export async function processDelivery(message: JsMsg, binding: ConsumerBinding, deps: DeliveryDeps): Promise<DeliveryOutcome> {
  const parsed = parse(message, binding.contract);
  if (!parsed.ok) return deadLetter(deps, binding, message, { eventId: parsed.eventId, envelope: parsed.raw, reason: parsed.reason });

  const { envelope, payload } = parsed;
  const correlationId = sanitizeCorrelationId(message.headers?.get(CORRELATION_HEADER) || envelope.correlationId);
  return runWithContext({ correlationId }, async () => {
    const deliveryCount = message.info.deliveryCount;
    let handled: boolean;
    try {
      handled = await deps.dataSource.transaction(async (manager) => {
        const inserted: unknown[] = await manager.query(
          `INSERT INTO "${schemaOf(deps.dataSource)}"."inbox" (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
          [binding.name, envelope.id],
        );
        if (inserted.length === 0) return false;
        await binding.handler(payload, { manager, envelope });
        return true;
      });
    } catch (error) {
      if (deliveryCount >= binding.maxDeliver) {
        return deadLetter(deps, binding, message, { eventId: envelope.id, envelope, reason: `Handler failed on delivery ${deliveryCount}: ${errorMessage(error)}` });
      }
      const delay = backoffDelay(deliveryCount, deps.settings.retryBaseMs, deps.settings.retryMaxMs);
      deps.logger.warn({ err: errorMessage(error), consumer: binding.name, eventId: envelope.id, deliveryCount, retryInMs: delay }, 'event handler failed; will retry');
      message.nak(delay);
      return 'retrying';
    }
    try {
      await deps.settings.hooks.beforeAck?.({ consumer: binding.name, eventId: envelope.id, deliveryCount, handled });
    } catch {
      return 'abandoned';
    }
    message.ack();
    if (!handled) deps.logger.debug({ consumer: binding.name, eventId: envelope.id }, 'event already handled; acked again');
    return handled ? 'handled' : 'duplicate';
  });
}
