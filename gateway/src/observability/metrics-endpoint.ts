import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import { DomainError, type PlatformMetrics } from '@tec/shared';
import { toErrorBody } from '../http/error-body';

/** `10.0.0.0/8`, `::1/128` or a bare address (a /32 or /128). Throws on anything else (config is checked at boot). */
export function buildAllowList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/') as [string, string | undefined];
    const type = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : null;
    if (!type) throw new Error(`METRICS_ALLOW: "${entry}" is not an IP address or CIDR range`);
    const prefix = bits === undefined ? (type === 'ipv4' ? 32 : 128) : Number(bits);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (type === 'ipv4' ? 32 : 128)) throw new Error(`METRICS_ALLOW: bad prefix in "${entry}"`);
    list.addSubnet(address, prefix, type);
  }
  return list;
}

function allowedAddress(list: BlockList, raw: string | undefined): boolean {
  if (!raw) return false;
  const address = raw.startsWith('::ffff:') && isIPv4(raw.slice(7)) ? raw.slice(7) : raw;
  if (isIPv4(address)) return list.check(address, 'ipv4');
  return isIPv6(address) && list.check(address, 'ipv6');
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

export interface MetricsAccess {
  /** Client networks that may scrape without a token (`req.ip`: behind the trusted proxy, the real client). */
  allow: readonly string[];
  /** When set, `Authorization: Bearer <token>` also grants access, from anywhere. */
  token?: string;
}

/**
 * `GET /metrics` of the gateway, outside the API prefix. The gateway is public, so the series (routes, rates,
 * queue depths) are only for the allow-listed networks (loopback by default) or a bearer `METRICS_TOKEN`;
 * anyone else gets 403 in the one error shape.
 */
export function metricsEndpoint(metrics: PlatformMetrics, access: MetricsAccess) {
  const allowList = buildAllowList(access.allow);
  const expected = access.token ? digest(access.token) : null;
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const header = request.header('authorization') ?? '';
    const bearer = /^Bearer (.+)$/i.exec(header)?.[1];
    const tokenOk = expected !== null && bearer !== undefined && timingSafeEqual(digest(bearer), expected);
    if (!tokenOk && !allowedAddress(allowList, request.ip)) {
      const { body } = toErrorBody(new DomainError('FORBIDDEN', 'Metrics are only served to the monitoring network'));
      response.status(body.statusCode).json(body);
      return;
    }
    metrics
      .metrics()
      .then((text) => {
        response.setHeader('content-type', metrics.contentType);
        response.setHeader('cache-control', 'no-store');
        response.status(200).send(request.method === 'HEAD' ? undefined : text);
      })
      .catch(next);
  };
}
