import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { CONFIG, LOGGER } from '../nest/tokens';
import { METRICS, type PlatformMetrics } from './metrics';

export const METRICS_PATH = '/metrics';

/** Answers `GET /metrics` with the registry's exposition text; returns false for any other request. */
export function metricsRequestHandler(metrics: PlatformMetrics) {
  return (request: IncomingMessage, response: ServerResponse): boolean => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== METRICS_PATH || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
    metrics
      .metrics()
      .then((text) => {
        response.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
        response.end(request.method === 'HEAD' ? undefined : text);
      })
      .catch(() => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end('metrics collection failed\n');
      });
    return true;
  };
}

/**
 * A service's `/metrics` on its own small HTTP server on `METRICS_PORT` (0, the default, = no server). Services
 * have no other HTTP server; keep the port on the cluster network only (Prometheus scrapes the pod directly).
 */
@Injectable()
export class MetricsHttpServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    @Inject(METRICS) private readonly metrics: PlatformMetrics,
    @Inject(CONFIG) private readonly config: { METRICS_PORT?: number },
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.METRICS_PORT ?? 0;
    if (port <= 0) return;
    const handle = metricsRequestHandler(this.metrics);
    const server = createServer((request, response) => {
      if (!handle(request, response)) {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('not found\n');
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => resolve());
    });
    this.server = server;
    this.logger.info({ port: this.port() }, 'metrics listening');
  }

  /** The port `/metrics` listens on, or undefined when METRICS_PORT is 0. */
  port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
