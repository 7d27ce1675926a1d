import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { CONFIG, LOGGER, NATS_CONNECTION } from '../nest/tokens';
import { HealthService } from './health.service';

/** The probe paths, the same on every service (Kubernetes manifests in deploy/k8s point at them). */
export const LIVENESS_PATH = '/livez';
export const READINESS_PATH = '/readyz';

export interface ProbeState {
  /** Set once shutdown begins: readiness answers 503 so the load balancer stops sending work first. */
  draining: boolean;
}

/**
 * The two probe routes as a plain request handler, so any small HTTP server of the process (this one on
 * HEALTH_PORT, or a metrics server) can mount them. Returns false for any other path.
 * - liveness: 200 while the process can answer and its NATS connection is not closed for good (it reconnects
 *   forever, so closed means only a restart helps); a database outage is NOT a reason to restart.
 * - readiness: the service's own health report; 503 when it is down (database or NATS) or draining.
 */
export function probeHandler(health: HealthService, nats: NatsConnection, state: ProbeState) {
  return (request: IncomingMessage, response: ServerResponse): boolean => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : JSON.stringify(body));
    };
    if (path === LIVENESS_PATH) {
      const closed = nats.isClosed();
      send(closed ? 503 : 200, { status: closed ? 'down' : 'ok' });
      return true;
    }
    if (path === READINESS_PATH) {
      if (state.draining) {
        send(503, { status: 'down', error: 'shutting down' });
        return true;
      }
      health
        .check()
        .then((report) => send(report.status === 'down' ? 503 : 200, report))
        .catch(() => send(503, { status: 'down' }));
      return true;
    }
    return false;
  };
}

/**
 * Serves the probes over HTTP on `HEALTH_PORT` when it is set (Kubernetes cannot ask over NATS); nothing
 * listens otherwise. `0` takes a free port (tests read it from `port()`).
 */
@Injectable()
export class HealthHttpServer implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private server?: Server;
  private readonly state: ProbeState = { draining: false };

  constructor(
    private readonly health: HealthService,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(CONFIG) private readonly config: { HEALTH_PORT?: number },
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.HEALTH_PORT;
    if (port === undefined) return;
    const handle = probeHandler(this.health, this.nats, this.state);
    const server = createServer((request, response) => {
      if (!handle(request, response)) {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ status: 'not found' }));
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => resolve());
    });
    this.server = server;
    this.logger.info({ port: this.port() }, 'health probes listening');
  }

  /** The port the probes listen on, or undefined when HEALTH_PORT is not set. */
  port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  beforeApplicationShutdown(): void {
    this.state.draining = true;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
