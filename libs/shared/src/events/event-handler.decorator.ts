import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventContract, EventEnvelope } from '../contracts/event-contract';

export const EVENT_HANDLER = Symbol('tec:event-handler');

export interface EventHandlerOptions {
  /** Short, stable name of this consumer within the service; the durable is `<service>-<consumer>`. Never rename it in place: a new name starts from the stream's history again. */
  consumer: string;
  /** Deliveries before the event is dead-lettered. Default 5. */
  maxDeliver?: number;
}

export interface EventHandlerMetadata extends EventHandlerOptions {
  contract: EventContract;
}

/** What a handler gets besides the payload: the consumer's transaction (inbox row included) and the envelope. */
export interface EventHandlerContext {
  manager: EntityManager;
  envelope: EventEnvelope;
}

export type EventHandlerFn<P = unknown> = (payload: P, context: EventHandlerContext) => Promise<unknown> | unknown;

/**
 * Marks a provider method as a durable consumer of one event: `handle(payload, { manager, envelope })`.
 * The payload is validated against the contract first. Do every write through `manager`: it commits with
 * the inbox row, so a redelivered event has no second effect. Keep handlers tiny and idempotent.
 */
export const EventHandler = (contract: EventContract, options: EventHandlerOptions): MethodDecorator =>
  SetMetadata(EVENT_HANDLER, { contract, ...options } satisfies EventHandlerMetadata);
