import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import helmet from 'helmet';
import { createLogger, initTracing, METRICS, newCorrelationId, PinoNestLogger, type Logger, type PlatformMetrics } from '@tec/shared';
import { GatewayModule } from './app.module';
import type { GatewayConfig } from './config';
import { mountOpenApi } from './docs/openapi';
import { correlationMiddleware } from './http/correlation.middleware';
import { toErrorBody } from './http/error-body';
import { httpObservabilityMiddleware } from './observability/http-observability.middleware';
import { metricsEndpoint } from './observability/metrics-endpoint';
import { ConfiguredIoAdapter } from './realtime/configured-io.adapter';
import { serveSpa } from './spa/serve-spa';

/** Wraps a body parser so its errors (bad JSON, too large) get the one error shape too. */
function guardedParser(parser: express.RequestHandler): express.RequestHandler {
  return (request: Request, response: Response, next: NextFunction) =>
    parser(request, response, (error?: unknown) => {
      if (!error) return next();
      const { body } = toErrorBody(error);
      response.status(body.statusCode).json(body);
    });
}

/**
 * Node refuses a request it cannot parse (a request line or headers over 16 KB, a malformed request line) before
 * Express runs, with an empty 431/400. Answer in the one error shape instead: 400 BAD_REQUEST.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const message = error.code === 'HPE_HEADER_OVERFLOW' ? 'The request line or headers are too large' : 'The request could not be parsed';
  const body = JSON.stringify({ statusCode: 400, code: 'BAD_REQUEST', message, correlationId: newCorrelationId() });
  socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** Builds the whole HTTP + Socket.IO app; `main.ts` listens, tests call this with their own config. */
export async function createGatewayApp(config: GatewayConfig, logger?: Logger): Promise<NestExpressApplication> {
  const log = logger ?? createLogger({ service: 'gateway', level: config.LOG_LEVEL });
  initTracing({ serviceName: 'gateway', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(config, log), {
    bodyParser: false,
    logger: new PinoNestLogger(log),
  });
  (app.getHttpServer() as Server).on('clientError', answerClientError);
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  const metrics = app.get<PlatformMetrics>(METRICS);
  app.use(httpObservabilityMiddleware(metrics));
  app.use('/metrics', metricsEndpoint(metrics, { allow: config.METRICS_ALLOW, token: config.METRICS_TOKEN }));
  app.use(correlationMiddleware);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          connectSrc: ["'self'", 'ws:', 'wss:'],
          imgSrc: ["'self'", 'data:', 'blob:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'", "'unsafe-inline'"],
        },
      },
    }),
  );
  app.enableCors({ origin: config.CORS_ORIGINS, credentials: true, exposedHeaders: ['x-correlation-id', 'retry-after'] });
  app.use(cookieParser());
  // Webhooks keep their raw bytes for signature checks; everything else is JSON.
  app.use('/api/v1/webhooks', guardedParser(express.raw({ type: () => true, limit: '1mb' })));
  app.use(guardedParser(express.json({ limit: config.BODY_LIMIT })));
  app.setGlobalPrefix('api/v1', { exclude: ['api/docs', 'api/docs-json'] });
  app.useWebSocketAdapter(new ConfiguredIoAdapter(app, config));
  app.enableShutdownHooks();
  mountOpenApi(app);
  if (config.WEB_DIST_DIR) serveSpa(app, config.WEB_DIST_DIR);
  return app;
}
