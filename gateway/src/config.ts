import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { baseConfigShape, env, loadConfig } from '@tec/shared';

export const gatewayConfigShape = {
  ...baseConfigShape,
  PORT: env.port(3000),
  HOST: z.string().default('0.0.0.0'),
  /** PEM file with the public key that verifies access tokens (core signs them with the private key). */
  JWT_PUBLIC_KEY_FILE: z.string().min(1).default('.data/keys/jwt-public.pem'),
  JWT_ISSUER: z.string().min(1).default('tec-lms-core'),
  JWT_AUDIENCE: z.string().min(1).default('tec-lms'),
  /** Browser origins allowed for CORS and for the Socket.IO handshake. */
  CORS_ORIGINS: env.list().default(['http://localhost:5173', 'http://127.0.0.1:5173', 'http://localhost:3000', 'http://127.0.0.1:3000']),
  /** Built SPA to serve; empty to serve the API only. */
  WEB_DIST_DIR: z.string().default('web/dist'),
  COOKIE_SECURE: env.boolean(false),
  /** Requests per minute per client IP, and per signed-in user or API key. */
  RATE_LIMIT_PER_IP: env.int(600),
  RATE_LIMIT_PER_USER: env.int(300),
  /** Login attempts per 15 minutes per IP. */
  RATE_LIMIT_LOGIN: env.int(10),
  /** Shared secret for internal/admin triggers (`x-api-key`), e.g. the plan's `/email/process-queue`. */
  INTERNAL_API_SECRET: z.string().min(16).default('dev-internal-secret-change-me'),
  /** Services whose health the gateway reports. */
  GATEWAY_SERVICES: env.list().default(['core', 'notifications', 'attendance', 'parent-portal']),
  /** Seconds an API-key verification is cached by the gateway before asking core again. */
  API_KEY_CACHE_SECONDS: env.int(30),
  /** JetStream copies of the object stores the gateway may create (chat-transfers): 3 on a NATS cluster, as the services. */
  EVENT_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  /** Largest JSON body accepted (roster CSV imports are the biggest). */
  BODY_LIMIT: z.string().default('5mb'),
  /** Client networks (CIDR) that may read `GET /metrics` without a token; loopback by default. */
  METRICS_ALLOW: env.list().default(['127.0.0.1/32', '::1/128']),
  /** When set, `Authorization: Bearer <METRICS_TOKEN>` may read `GET /metrics` from anywhere. */
  METRICS_TOKEN: z.string().min(16).optional(),
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

export function loadGatewayConfig(source?: Record<string, string | undefined>) {
  const config = loadConfig(gatewayConfigShape, source);
  if (config.NODE_ENV === 'production' && config.INTERNAL_API_SECRET.startsWith('dev-')) {
    throw new Error('INTERNAL_API_SECRET: set a real secret in production');
  }
  return config;
}

/** Reads the verification key once at boot; a missing file names the variable. */
export function readPublicKey(config: GatewayConfig): string {
  const file = path.resolve(config.JWT_PUBLIC_KEY_FILE);
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new Error(`JWT_PUBLIC_KEY_FILE: cannot read ${file} (run \`npm start\` once to create dev keys)`);
  }
}
