import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { Msg, NatsConnection, Subscription } from 'nats';
import type { Logger } from 'pino';
import type { AuthContext } from '../contracts/auth-context';
import type { RpcContract, RpcParsedRequest } from '../contracts/rpc-contract';
import { runWithContext, sanitizeCorrelationId } from '../context/request-context';
import { isDomainError } from '../errors/domain-error';
import { toValidationIssues } from '../errors/zod-issues';
import { CORRELATION_HEADER, withPrefix } from '../nats/nats-connection';
import { PLATFORM_OPTIONS, LOGGER, NATS_CONNECTION, type PlatformOptions } from '../nest/tokens';
import { METRICS, type PlatformMetrics, secondsSince } from '../observability/metrics';
import { extractTraceHeaders, inSpan, SpanKind, SpanStatusCode } from '../observability/tracing';
import { RPC_ROUTE } from './rpc-route.decorator';
import { RpcEnvelope, type RpcReply } from './rpc-wire';

type Handler = (payload: unknown, auth: AuthContext) => unknown;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Finds every `@RpcRoute` method and serves it on `rpc.<service>.<action>` with a queue group per service,
 * so any number of instances share the calls. Each call is validated (envelope, AuthContext, payload),
 * run inside its correlation context, and answered with `{ok, data}` or `{ok:false, error}`.
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
    const subject = withPrefix(this.options.subjectPrefix, contract.pattern);
    const subscription = this.nats.subscribe(subject, {
      queue: this.options.serviceName,
      callback: (error, message) => {
        if (error) {
          this.logger.error({ err: error, subject }, 'rpc subscription error');
          return;
        }
        const task = this.handle(contract, handler, message).finally(() => this.inFlight.delete(task));
        this.inFlight.add(task);
      },
    });
    this.subscriptions.push(subscription);
  }

  /** One call inside its correlation context and a server span (child of the caller's `traceparent`), timed. */
  private async handle(contract: RpcContract, handler: Handler, message: Msg): Promise<void> {
    const started = process.hrtime.bigint();
    const correlationId = sanitizeCorrelationId(message.headers?.get(CORRELATION_HEADER));
    const spanOptions = {
      kind: SpanKind.SERVER,
      parent: extractTraceHeaders(message.headers),
      attributes: { 'rpc.system': 'nats', 'rpc.method': contract.pattern, 'tec.service': this.options.serviceName },
    };
    await runWithContext({ correlationId }, () =>
      inSpan(contract.pattern, spanOptions, async (span) => {
        const reply = await this.invoke(contract, handler, message);
        const code = reply.ok ? 'ok' : reply.error.code;
        if (!reply.ok) {
          span.setAttribute('tec.error_code', code);
          if (code === 'INTERNAL') span.setStatus({ code: SpanStatusCode.ERROR, message: reply.error.message });
        }
        if (message.reply) message.respond(encoder.encode(JSON.stringify(reply)));
        this.metrics.observeRpc(contract.pattern, code, secondsSince(started));
      }),
    );
  }

  private async invoke(contract: RpcContract, handler: Handler, message: Msg): Promise<RpcReply> {
    let raw: unknown;
    try {
      raw = JSON.parse(decoder.decode(message.data));
    } catch {
      return { ok: false, error: { code: 'BAD_REQUEST', message: 'The RPC body is not JSON' } };
    }
    const envelope = RpcEnvelope.safeParse(raw);
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
