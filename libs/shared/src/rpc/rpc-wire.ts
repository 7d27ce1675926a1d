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
