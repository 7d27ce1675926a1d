import { z } from 'zod';

/** Thrown at boot when the environment is not valid; names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Helpers for env-var schemas: env values are strings, these parse them. */
export const env = {
  string: () => z.string().min(1),
  url: () => z.string().url(),
  port: (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback),
  int: (fallback: number) => z.coerce.number().int().default(fallback),
  boolean: (fallback: boolean) => booleanFromEnv.default(fallback),
  list: () => z.string().transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean)),
};

/** Variables every process of the platform reads. */
export const baseConfigShape = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  /** Prefix for every NATS subject and stream, so parallel test runs never meet. Empty in production. */
  NATS_SUBJECT_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]*$/i, 'letters, digits, - and _ only')
    .default(''),
  RPC_TIMEOUT_MS: env.int(5000),
  /** OTLP/HTTP collector (e.g. http://otel-collector:4318): traces are exported to `<endpoint>/v1/traces`; unset = tracing off. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
};

export const serviceConfigShape = {
  ...baseConfigShape,
  DATABASE_URL: z.string().min(1).default('postgres://postgres@127.0.0.1:5432/tec_lms'),
  DATABASE_POOL_SIZE: env.int(10),
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Port of the service's Prometheus `/metrics` server; 0 (the default) = no server. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
};

export type BaseConfig = z.infer<z.ZodObject<typeof baseConfigShape>>;
export type ServiceConfig = z.infer<z.ZodObject<typeof serviceConfigShape>>;

/**
 * Validates the environment once, at boot, into one typed, frozen object.
 * The only place in the code base that reads `process.env`.
 */
export function loadConfig<Shape extends z.ZodRawShape>(
  shape: Shape,
  source: Record<string, string | undefined> = process.env,
): Readonly<z.infer<z.ZodObject<Shape>>> {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(shape)) {
    const value = source[key];
    if (value !== undefined && value !== '') cleaned[key] = value;
  }
  const result = z.object(shape).safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '(root)'),
        message: issue.message,
      })),
    );
  }
  return Object.freeze(result.data);
}
