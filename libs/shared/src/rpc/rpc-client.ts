import type { NatsConnection } from 'nats';
import type { AuthContext } from '../contracts/auth-context';
import { isErrorCode } from '../contracts/error-codes';
import type { RpcContract, RpcRequest, RpcResponse } from '../contracts/rpc-contract';
import { currentCorrelationId } from '../context/request-context';
import { DomainError } from '../errors/domain-error';
import { correlationHeaders, withPrefix } from '../nats/nats-connection';
import { inSpan, injectTraceHeaders, SpanKind } from '../observability/tracing';
import type { RpcReply } from './rpc-wire';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface RpcCallOptions {
  timeoutMs?: number;
}

/**
 * Calls another process over NATS request/reply. A service's domain error comes back as the same
 * DomainError (same code), a timeout as SERVICE_TIMEOUT and a missing service as SERVICE_UNAVAILABLE.
 */
export class RpcClient {
  constructor(
    private readonly nats: NatsConnection,
    private readonly subjectPrefix: string,
    private readonly defaultTimeoutMs: number,
  ) {}

  async call<C extends RpcContract>(
    contract: C,
    payload: RpcRequest<C>,
    auth: AuthContext,
    options: RpcCallOptions = {},
  ): Promise<RpcResponse<C>> {
    const body = encoder.encode(JSON.stringify({ auth, payload }));
    // A client span whose `traceparent` goes with the request, so the server's span is its child.
    return inSpan(contract.pattern, { kind: SpanKind.CLIENT, attributes: { 'rpc.system': 'nats', 'rpc.method': contract.pattern } }, async (span) => {
      let replyData: Uint8Array;
      try {
        const reply = await this.nats.request(withPrefix(this.subjectPrefix, contract.pattern), body, {
          timeout: options.timeoutMs ?? this.defaultTimeoutMs,
          headers: injectTraceHeaders(correlationHeaders(currentCorrelationId())),
        });
        replyData = reply.data;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === '503') throw new DomainError('SERVICE_UNAVAILABLE', `The ${contract.service} service is not available`);
        if (code === 'TIMEOUT') throw new DomainError('SERVICE_TIMEOUT', `The ${contract.service} service did not answer in time`);
        throw new DomainError('SERVICE_UNAVAILABLE', `The ${contract.service} service could not be reached`);
      }
      const reply = JSON.parse(decoder.decode(replyData)) as RpcReply<RpcResponse<C>>;
      if (reply.ok) return reply.data;
      span.setAttribute('tec.error_code', reply.error.code);
      const errorCode = isErrorCode(reply.error.code) ? reply.error.code : 'INTERNAL';
      throw new DomainError(errorCode, reply.error.message, reply.error.details);
    });
  }
}
