import type { NextFunction, Request, Response } from 'express';
import { extractTraceFromRecord, type PlatformMetrics, secondsSince, SpanKind, SpanStatusCode, startSpan, withActiveSpan } from '@tec/shared';

/**
 * The route label: Express's matched route template (`/api/v1/courses/:courseId`), never the raw path, so the
 * series stay few. Requests no route matched are `unmatched` under /api and `static` elsewhere (the SPA).
 */
export function routeTemplate(request: Request): string {
  const route = (request as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${request.baseUrl ?? ''}${route.path}`;
  if (request.originalUrl.startsWith('/metrics')) return '/metrics';
  return /^\/(api|socket\.io)(\/|\?|$)/.test(request.originalUrl) ? 'unmatched' : 'static';
}

/**
 * First middleware of the gateway: one server span per request (continuing a client's `traceparent`), active for
 * everything the request awaits (so RPC calls carry it on), and the request's count, latency and error series
 * once the response is sent. The span is named after the route template when it is known.
 */
export function httpObservabilityMiddleware(metrics: PlatformMetrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const parent = extractTraceFromRecord(request.headers);
    const span = startSpan(request.method, {
      kind: SpanKind.SERVER,
      parent,
      attributes: { 'http.request.method': request.method, 'url.path': request.path, 'tec.service': 'gateway' },
    });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const route = routeTemplate(request);
      const status = response.headersSent || response.writableFinished ? response.statusCode : 499;
      metrics.observeHttp(request.method, route, status, secondsSince(started));
      span.updateName(`${request.method} ${route}`);
      span.setAttribute('http.route', route);
      span.setAttribute('http.response.status_code', status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    response.once('finish', finish);
    response.once('close', finish);
    withActiveSpan(parent, span, () => next());
  };
}
