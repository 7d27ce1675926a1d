import type { NatsConnection } from 'nats';
import type { AuthContext } from '../contracts/auth-context';
import { isErrorCode } from '../contracts/error-codes';
import { batchPattern, type RpcContract, type RpcRequest, type RpcResponse } from '../contracts/rpc-contract';
import { currentCorrelationId } from '../context/request-context';
import { DomainError } from '../errors/domain-error';
import { correlationHeaders, withPrefix } from '../nats/nats-connection';
import { TurnBatches } from '../nats/turn-batches';
import { currentTraceparent, inSpan, injectTraceHeaders, SpanKind, TRACEPARENT_HEADER } from '../observability/tracing';
import { RPC_BATCH_MAX_BYTES, RPC_BATCH_MAX_ITEMS, type RpcBatchReply, type RpcReply } from './rpc-wire';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface RpcCallOptions {
  timeoutMs?: number;
}

/** What travels with one call besides its payload: the caller's correlation id and trace parent. */
interface CallContext {
  correlationId: string;
  traceparent: string | null;
}

/** One call waiting in a forming batch: the call, its JSON item, and how to settle its caller. */
interface BatchItem {
  contract: RpcContract;
  envelope: { auth: AuthContext; payload: unknown };
  context: CallContext;
  json: string;
  resolve: (reply: RpcReply) => void;
  reject: (error: unknown) => void;
}

/**
 * Calls another process over NATS request/reply. A service's domain error comes back as the same
 * DomainError (same code), a timeout as SERVICE_TIMEOUT and a missing service as SERVICE_UNAVAILABLE.
 *
 * Calls of a `batched` contract made in the same event-loop turn go as ONE request on `<pattern>.batch` (flushed by
 * setImmediate, so a lone call waits for nothing but the end of its turn); each caller still gets its own reply or
 * error. Should the service not serve batches (an older instance during a rolling upgrade), the calls go one by one.
 */
export class RpcClient {
  /** The calls of batched contracts made in this event-loop turn, by pattern. */
  private readonly batches = new TurnBatches<BatchItem>({ maxItems: RPC_BATCH_MAX_ITEMS, maxBytes: RPC_BATCH_MAX_BYTES }, (_pattern, items) => void this.send(items));

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
    // A client span whose `traceparent` goes with the request, so the server's span is its child.
    return inSpan(contract.pattern, { kind: SpanKind.CLIENT, attributes: { 'rpc.system': 'nats', 'rpc.method': contract.pattern } }, async (span) => {
      const reply = contract.batched && options.timeoutMs === undefined ? await this.enqueue(contract, payload, auth) : await this.single(contract, { auth, payload }, options.timeoutMs);
      if (reply.ok) return reply.data as RpcResponse<C>;
      span.setAttribute('tec.error_code', reply.error.code);
      const errorCode = isErrorCode(reply.error.code) ? reply.error.code : 'INTERNAL';
      throw new DomainError(errorCode, reply.error.message, reply.error.details);
    });
  }

  private async single(contract: RpcContract, envelope: { auth: AuthContext; payload: unknown }, timeoutMs = this.defaultTimeoutMs, context?: CallContext): Promise<RpcReply> {
    let headers = correlationHeaders(context?.correlationId ?? currentCorrelationId());
    if (!context) headers = injectTraceHeaders(headers);
    else if (context.traceparent) headers.set(TRACEPARENT_HEADER, context.traceparent);
    try {
      const reply = await this.nats.request(withPrefix(this.subjectPrefix, contract.pattern), encoder.encode(JSON.stringify(envelope)), { timeout: timeoutMs, headers });
      return JSON.parse(decoder.decode(reply.data)) as RpcReply;
    } catch (error) {
      throw transportError(contract, error);
    }
  }

  private enqueue(contract: RpcContract, payload: unknown, auth: AuthContext): Promise<RpcReply> {
    const envelope = { auth, payload };
    const context: CallContext = { correlationId: currentCorrelationId(), traceparent: currentTraceparent() };
    const json = `{"auth":${authJson(auth)},"payload":${JSON.stringify(payload) ?? 'null'},"correlationId":${JSON.stringify(context.correlationId)},"traceparent":${context.traceparent === null ? 'null' : JSON.stringify(context.traceparent)}}`;
    return new Promise<RpcReply>((resolve, reject) => this.batches.add(contract.pattern, { contract, envelope, context, json, resolve, reject }, json.length + 1));
  }

  /** Sends a formed batch (or its only call, as a plain request) and settles every caller. Sends each batch once. */
  private async send(items: BatchItem[]): Promise<void> {
    const contract = items[0]?.contract;
    if (!contract) return;
    if (items.length === 1) {
      const item = items[0]!;
      await this.single(contract, item.envelope, undefined, item.context).then(item.resolve, item.reject);
      return;
    }
    let replies: RpcReply[];
    try {
      const reply = await this.nats.request(withPrefix(this.subjectPrefix, batchPattern(contract)), encoder.encode(`{"items":[${items.map((item) => item.json).join(',')}]}`), {
        timeout: this.defaultTimeoutMs,
      });
      const answer = JSON.parse(decoder.decode(reply.data)) as RpcBatchReply | RpcReply;
      // A batch refused as a whole (not valid): every call gets that answer.
      replies = 'items' in answer ? answer.items : items.map(() => answer);
    } catch (error) {
      // No instance serves batches yet (503): each call on its own, as before batching existed.
      if ((error as { code?: string }).code === '503') {
        await Promise.all(items.map((item) => this.send([item])));
        return;
      }
      const failure = transportError(contract, error);
      for (const item of items) item.reject(failure);
      return;
    }
    items.forEach((item, index) => {
      const reply = replies[index];
      if (reply) item.resolve(reply);
      else item.reject(new DomainError('INTERNAL', `The ${contract.service} service answered a batch without this call`));
    });
  }
}

/**
 * A caller's AuthContext as JSON, kept per object: a socket (or a cached token) sends many calls with the same one,
 * and AuthContexts are never changed once made.
 */
const authJsonCache = new WeakMap<AuthContext, string>();
function authJson(auth: AuthContext): string {
  let json = authJsonCache.get(auth);
  if (json === undefined) {
    json = JSON.stringify(auth);
    authJsonCache.set(auth, json);
  }
  return json;
}

function transportError(contract: RpcContract, error: unknown): DomainError {
  const code = (error as { code?: string }).code;
  if (code === '503') return new DomainError('SERVICE_UNAVAILABLE', `The ${contract.service} service is not available`);
  if (code === 'TIMEOUT') return new DomainError('SERVICE_TIMEOUT', `The ${contract.service} service did not answer in time`);
  return new DomainError('SERVICE_UNAVAILABLE', `The ${contract.service} service could not be reached`);
}
