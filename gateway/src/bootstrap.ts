import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { createLogger, initTracing, METRICS, PinoNestLogger, type Logger, type PlatformMetrics } from '@tec/shared';
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

/** Builds the whole HTTP + Socket.IO app; `main.ts` listens, tests call this with their own config. */
export async function createGatewayApp(config: GatewayConfig, logger?: Logger): Promise<NestExpressApplication> {
  const log = logger ?? createLogger({ service: 'gateway', level: config.LOG_LEVEL });
  initTracing({ serviceName: 'gateway', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(config, log), {
    bodyParser: false,
    logger: new PinoNestLogger(log),
  });
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
