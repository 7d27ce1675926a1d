import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { Msg, NatsConnection, Subscription } from 'nats';
import type { Logger } from 'pino';
import type { AuthContext } from '../contracts/auth-context';
import { batchPattern, type RpcContract, type RpcParsedRequest } from '../contracts/rpc-contract';
import { runWithContext, sanitizeCorrelationId } from '../context/request-context';
import { isDomainError } from '../errors/domain-error';
import { toValidationIssues } from '../errors/zod-issues';
import { CORRELATION_HEADER, withPrefix } from '../nats/nats-connection';
import { PLATFORM_OPTIONS, LOGGER, NATS_CONNECTION, type PlatformOptions } from '../nest/tokens';
import { METRICS, type PlatformMetrics, secondsSince } from '../observability/metrics';
import { contextFromTraceparent, extractTraceHeaders, inSpan, SpanKind, SpanStatusCode, type TraceContext } from '../observability/tracing';
import { RPC_ROUTE } from './rpc-route.decorator';
import { RpcBatchEnvelope, RpcEnvelope, type RpcBatchReply, type RpcReply } from './rpc-wire';

type Handler = (payload: unknown, auth: AuthContext) => unknown;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Finds every `@RpcRoute` method and serves it on `rpc.<service>.<action>` with a queue group per service,
 * so any number of instances share the calls. Each call is validated (envelope, AuthContext, payload),
 * run inside its correlation context, and answered with `{ok, data}` or `{ok:false, error}`. A `batched` contract
 * is also served on `<pattern>.batch`: every item of a batch is such a call, run concurrently with the others, and
 * the reply lists their answers in order.
 */
@Injectable()
export class RpcServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(PLATFORM_OPTIONS) private readonly options: PlatformOptions,
    @Inject(METRICS) private readonly metrics: PlatformMetrics,
  ) {}

  /**
   * Subscribes every discovered route, then flushes: once this resolves the server knows the subscriptions,
   * so the first call after boot cannot meet "no responders".
   */
  async onApplicationBootstrap(): Promise<void> {
    for (const wrapper of this.discovery.getProviders().concat(this.discovery.getControllers())) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const contract = Reflect.getMetadata(RPC_ROUTE, (instance as Record<string, Function>)[method]) as RpcContract | undefined;
        if (contract) this.serve(contract, ((instance as Record<string, Function>)[method] as Handler).bind(instance));
      }
    }
    await this.nats.flush();
  }

  /** Serves a contract whose handler is only known at runtime (the platform's own routes, such as health). */
  register<C extends RpcContract>(contract: C, handler: (payload: RpcParsedRequest<C>, auth: AuthContext) => unknown): void {
    this.serve(contract, handler as Handler);
  }

  routes(): string[] {
    return this.subscriptions.map((subscription) => subscription.getSubject());
  }

  private serve(contract: RpcContract, handler: Handler): void {
    this.subscribe(withPrefix(this.options.subjectPrefix, contract.pattern), (message) => this.handle(contract, handler, message));
    if (contract.batched) {
      this.subscribe(withPrefix(this.options.subjectPrefix, batchPattern(contract)), (message) => this.handleBatch(contract, handler, message));
    }
  }

  private subscribe(subject: string, handle: (message: Msg) => Promise<void>): void {
    const subscription = this.nats.subscribe(subject, {
      queue: this.options.serviceName,
      callback: (error, message) => {
        if (error) {
          this.logger.error({ err: error, subject }, 'rpc subscription error');
          return;
        }
        const task = handle(message).finally(() => this.inFlight.delete(task));
        this.inFlight.add(task);
      },
    });
    this.subscriptions.push(subscription);
  }

  /** One call inside its correlation context and a server span (child of the caller's `traceparent`), timed. */
  private async handle(contract: RpcContract, handler: Handler, message: Msg): Promise<void> {
    const correlationId = sanitizeCorrelationId(message.headers?.get(CORRELATION_HEADER));
    const reply = await this.run(contract, handler, correlationId, extractTraceHeaders(message.headers), () => this.decode(message));
    if (message.reply) message.respond(encoder.encode(JSON.stringify(reply)));
  }

  /** A batch: each item is one call as in `handle` (own context, span, validation and error), answered together. */
  private async handleBatch(contract: RpcContract, handler: Handler, message: Msg): Promise<void> {
    const raw = this.decode(message);
    const batch = 'error' in raw ? null : RpcBatchEnvelope.safeParse(raw.value);
    let reply: RpcBatchReply | RpcReply;
    if (!batch?.success) {
      reply = { ok: false, error: { code: 'BAD_REQUEST', message: 'The RPC batch is not valid', details: batch ? toValidationIssues(batch.error) : undefined } };
    } else {
      const items = await Promise.all(
        batch.data.items.map(({ correlationId, traceparent, ...envelope }) =>
          this.run(contract, handler, sanitizeCorrelationId(correlationId), contextFromTraceparent(traceparent), () => ({ value: envelope })),
        ),
      );
      reply = { items };
    }
    if (message.reply) message.respond(encoder.encode(JSON.stringify(reply)));
  }

  private decode(message: Msg): { value: unknown } | { error: true } {
    try {
      return { value: JSON.parse(decoder.decode(message.data)) as unknown };
    } catch {
      return { error: true };
    }
  }

  private run(contract: RpcContract, handler: Handler, correlationId: string, parent: TraceContext, raw: () => { value: unknown } | { error: true }): Promise<RpcReply> {
    const started = process.hrtime.bigint();
    const spanOptions = {
      kind: SpanKind.SERVER,
      parent,
      attributes: { 'rpc.system': 'nats', 'rpc.method': contract.pattern, 'tec.service': this.options.serviceName },
    };
    return runWithContext({ correlationId }, () =>
      inSpan(contract.pattern, spanOptions, async (span) => {
        const reply = await this.invoke(contract, handler, raw());
        const code = reply.ok ? 'ok' : reply.error.code;
        if (!reply.ok) {
          span.setAttribute('tec.error_code', code);
          if (code === 'INTERNAL') span.setStatus({ code: SpanStatusCode.ERROR, message: reply.error.message });
        }
        this.metrics.observeRpc(contract.pattern, code, secondsSince(started));
        return reply;
      }),
    );
  }

  private async invoke(contract: RpcContract, handler: Handler, raw: { value: unknown } | { error: true }): Promise<RpcReply> {
    if ('error' in raw) return { ok: false, error: { code: 'BAD_REQUEST', message: 'The RPC body is not JSON' } };
    const envelope = RpcEnvelope.safeParse(raw.value);
    if (!envelope.success) {
      return { ok: false, error: { code: 'BAD_REQUEST', message: 'The RPC envelope is not valid', details: toValidationIssues(envelope.error) } };
    }
    const payload = contract.request.safeParse(envelope.data.payload);
    if (!payload.success) {
      return { ok: false, error: { code: 'VALIDATION_FAILED', message: 'The request is not valid', details: toValidationIssues(payload.error) } };
    }
    try {
      const data = await handler(payload.data, envelope.data.auth);
      return { ok: true, data: data ?? null };
    } catch (error) {
      if (isDomainError(error)) {
        return { ok: false, error: { code: error.code, message: error.message, details: error.details } };
      }
      this.logger.error({ err: error, pattern: contract.pattern }, 'rpc handler failed');
      return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong on our side' } };
    }
  }

  /** Before the connections close: stop taking calls, then let the ones in flight answer. */
  async beforeApplicationShutdown(): Promise<void> {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    await Promise.allSettled([...this.inFlight]);
  }
}
