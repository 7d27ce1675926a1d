import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Injection token of the process's `PlatformMetrics` (services: PlatformModule; gateway: its platform module). */
export const METRICS = Symbol('tec:metrics');

/** Seconds; from 2.5 ms (a cached RPC) to 10 s (past every timeout). */
const LATENCY_BUCKETS = [0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface GaugeSpec<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
  /** Called at scrape time; set the gauge's values here. Errors are swallowed (the series is left out). */
  collect: (gauge: Gauge<L>) => Promise<void> | void;
}

/**
 * Every Prometheus series of one process, in one registry labelled `service="<name>"`. The platform records
 * into it (RPC server, gateway HTTP, sockets, events runtime); a service adds its own gauges with
 * `registerGauge` (notifications: email queue depth). Names are listed in docs/operations.md#observability.
 */
export class PlatformMetrics {
  readonly registry = new Registry();

  /** RPC calls served, by route (the contract's subject) and outcome code (`ok` or the error code). */
  readonly rpcRequests: Counter<'route' | 'code'>;
  readonly rpcDuration: Histogram<'route' | 'code'>;
  /** RPC calls answered with an error, by route and error code. */
  readonly rpcErrors: Counter<'route' | 'code'>;

  /** Gateway HTTP, by method, route template (`/api/v1/courses/:id`) and status; created on first use (edge only). */
  get httpRequests(): Counter<'method' | 'route' | 'status'> {
    return this.edge().httpRequests;
  }
  get httpDuration(): Histogram<'method' | 'route' | 'status'> {
    return this.edge().httpDuration;
  }
  /** Gateway responses with status ≥ 400, by method, route template and status. */
  get httpErrors(): Counter<'method' | 'route' | 'status'> {
    return this.edge().httpErrors;
  }
  /** Pushes relayed from NATS to sockets, by room kind. */
  get socketPushes(): Counter<'room_kind'> {
    return this.edge().socketPushes;
  }
  private edgeMetrics?: {
    httpRequests: Counter<'method' | 'route' | 'status'>;
    httpDuration: Histogram<'method' | 'route' | 'status'>;
    httpErrors: Counter<'method' | 'route' | 'status'>;
    socketPushes: Counter<'room_kind'>;
  };

  /** Event deliveries by durable consumer and outcome (handled, duplicate, retrying, dead_lettered, abandoned). */
  readonly eventsHandled: Counter<'consumer' | 'outcome'>;

  /** `edge`: the process serves HTTP and sockets (the gateway), so their series are listed from the start. */
  constructor(readonly serviceName: string, options: { defaultMetrics?: boolean; edge?: boolean } = {}) {
    this.registry.setDefaultLabels({ service: serviceName });
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.rpcRequests = new Counter({ name: 'tec_rpc_server_requests_total', help: 'RPC calls served, by route and outcome code (ok or the error code)', labelNames: ['route', 'code'], registers });
    this.rpcDuration = new Histogram({
      name: 'tec_rpc_server_duration_seconds',
      help: 'Time to answer an RPC call (validation, handler, reply), by route and outcome code',
      labelNames: ['route', 'code'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.rpcErrors = new Counter({ name: 'tec_rpc_server_errors_total', help: 'RPC calls answered with an error, by route and error code', labelNames: ['route', 'code'], registers });
    this.eventsHandled = new Counter({
      name: 'tec_events_handled_total',
      help: 'Event deliveries by durable consumer and outcome (handled, duplicate, retrying, dead_lettered, abandoned)',
      labelNames: ['consumer', 'outcome'],
      registers,
    });
    if (options.edge) this.edge();
  }

  /** The HTTP and socket series, only in processes that serve them (the gateway), so services don't list them empty. */
  private edge(): NonNullable<PlatformMetrics['edgeMetrics']> {
    if (this.edgeMetrics) return this.edgeMetrics;
    const registers = [this.registry];
    this.edgeMetrics = {
      httpRequests: new Counter({ name: 'tec_http_requests_total', help: 'HTTP requests, by method, route template and status', labelNames: ['method', 'route', 'status'], registers }),
      httpDuration: new Histogram({
        name: 'tec_http_request_duration_seconds',
        help: 'HTTP request time until the response is sent, by method, route template and status',
        labelNames: ['method', 'route', 'status'],
        buckets: LATENCY_BUCKETS,
        registers,
      }),
      httpErrors: new Counter({ name: 'tec_http_request_errors_total', help: 'HTTP responses with status >= 400, by method, route template and status', labelNames: ['method', 'route', 'status'], registers }),
      socketPushes: new Counter({ name: 'tec_socket_pushes_total', help: 'Real-time pushes relayed from NATS to sockets, by room kind', labelNames: ['room_kind'], registers }),
    };
    return this.edgeMetrics;
  }

  /** Records one RPC call; `code` is `ok` or the error code. */
  observeRpc(route: string, code: string, seconds: number): void {
    this.rpcRequests.inc({ route, code });
    this.rpcDuration.observe({ route, code }, seconds);
    if (code !== 'ok') this.rpcErrors.inc({ route, code });
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
    if (status >= 400) this.httpErrors.inc(labels);
  }

  /** A gauge whose values are read at scrape time. A failing read leaves the series out of that scrape. */
  registerGauge<L extends string>(spec: GaugeSpec<L>): Gauge<L> {
    const existing = this.registry.getSingleMetric(spec.name);
    if (existing) throw new Error(`Metric ${spec.name} is already registered`);
    const gauge: Gauge<L> = new Gauge<L>({
      name: spec.name,
      help: spec.help,
      labelNames: (spec.labelNames ?? []) as L[],
      registers: [this.registry],
      async collect() {
        gauge.reset();
        try {
          await spec.collect(gauge);
        } catch {
          gauge.reset();
        }
      },
    });
    return gauge;
  }

  /** The exposition text (what `/metrics` serves). */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** Seconds since `start` (from `process.hrtime.bigint()`). */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}
