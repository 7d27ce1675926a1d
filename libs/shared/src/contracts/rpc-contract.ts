import type { z } from 'zod';

/** The services that answer RPC. A pattern is `rpc.<service>.<action>`. */
export const SERVICE_NAMES = ['core', 'notifications', 'attendance', 'chat', 'live-classes', 'parent-portal'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/**
 * A typed request/reply contract. The request schema is validated by the serving service (never trust the
 * caller), the response schema documents the reply and types the client. Patterns are persisted contracts:
 * add `<action>V2` rather than changing a request shape in place.
 */
export interface RpcContract<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly service: ServiceName;
  readonly action: string;
  readonly pattern: `rpc.${string}.${string}`;
  readonly request: Req;
  readonly response: Res;
  /**
   * Calls made at the same moment may travel together: RpcClient sends the calls of one event-loop turn as ONE
   * NATS request on `<pattern>.batch` and RpcServer answers each item on its own (same validation, context and
   * errors as a single call). For hot, small calls that arrive in bursts (a class rush of check-ins, chat sends),
   * where the per-message cost of NATS and of the hop dominates.
   */
  readonly batched: boolean;
}

export interface RpcOptions {
  /** See `RpcContract.batched`. */
  batched?: boolean;
}

/** The subject that carries batches of a batched contract (see `RpcContract.batched`). */
export function batchPattern(contract: RpcContract): string {
  return `${contract.pattern}.batch`;
}

export type RpcRequest<C extends RpcContract> = z.input<C['request']>;
export type RpcParsedRequest<C extends RpcContract> = z.output<C['request']>;
export type RpcResponse<C extends RpcContract> = z.output<C['response']>;

export function defineRpc<Req extends z.ZodType, Res extends z.ZodType>(
  service: ServiceName,
  action: string,
  request: Req,
  response: Res,
  options: RpcOptions = {},
): RpcContract<Req, Res> {
  if (!/^[a-z][a-zA-Z0-9]*$/.test(action)) throw new Error(`Invalid RPC action name "${action}"`);
  return { service, action, pattern: `rpc.${service}.${action}`, request, response, batched: options.batched ?? false };
}
