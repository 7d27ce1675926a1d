import { z } from 'zod';
import { AuthContext } from '../contracts/auth-context';
import type { ErrorCode } from '../contracts/error-codes';

/** The request on the wire. The correlation id also travels in the NATS headers. */
export const RpcEnvelope = z.object({
  auth: AuthContext,
  payload: z.unknown(),
});
export type RpcEnvelope = z.infer<typeof RpcEnvelope>;

export interface RpcErrorReply {
  ok: false;
  error: { code: ErrorCode; message: string; details?: unknown };
}
export interface RpcSuccessReply<T = unknown> {
  ok: true;
  data: T;
}
export type RpcReply<T = unknown> = RpcSuccessReply<T> | RpcErrorReply;

/** The most calls one batch carries (RpcClient flushes earlier when the batch reaches this or RPC_BATCH_MAX_BYTES). */
export const RPC_BATCH_MAX_ITEMS = 128;
/** Well below NATS's default 1 MB max_payload, so a batch never fails for its size. */
export const RPC_BATCH_MAX_BYTES = 256 * 1024;

/**
 * A batch on `<pattern>.batch`: each item is a whole call with its own correlation id and trace parent, validated
 * and answered on its own; the reply's `items` are in the same order.
 */
export const RpcBatchEnvelope = z.object({
  items: z
    .array(
      z.object({
        // Each item's envelope is validated as a single call's is (RpcEnvelope), when it runs.
        auth: z.unknown(),
        payload: z.unknown(),
        correlationId: z.string().optional(),
        traceparent: z.string().max(256).nullable().optional(),
      }),
    )
    .min(1)
    .max(RPC_BATCH_MAX_ITEMS),
});
export type RpcBatchEnvelope = z.infer<typeof RpcBatchEnvelope>;

/** The answers in the order of the items; a batch that is not valid as a whole gets one RpcErrorReply instead. */
export interface RpcBatchReply {
  items: RpcReply[];
}
