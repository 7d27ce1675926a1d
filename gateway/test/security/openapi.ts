import fc from 'fast-check';
import { ERROR_CODES } from '@tec/shared';
import { http, type Stack } from '../harness';

/** The subset of JSON Schema (draft 2020-12, as zod emits it) that the gateway's OpenAPI document uses. */
export interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  additionalProperties?: boolean | JsonSchema;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters: Parameter[];
  body: JsonSchema | null;
  /** undefined = public; otherwise the security alternatives (bearer, apiKey with scopes, internalSecret). */
  security: Record<string, string[]>[] | undefined;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { operationId: string; parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: JsonSchema }> }; security?: Record<string, string[]>[] }>>;
}

export async function loadOperations(stack: Stack): Promise<Operation[]> {
  const reply = await http<OpenApiDocument>(stack, 'GET', '/api/docs-json');
  if (reply.status !== 200) throw new Error(`OpenAPI document: ${reply.status}`);
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(reply.body.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId,
        parameters: operation.parameters ?? [],
        body: operation.requestBody?.content['application/json']?.schema ?? null,
        security: operation.security,
      });
    }
  }
  return operations;
}

export const isPublic = (operation: Operation) => operation.security === undefined;
export const isInternal = (operation: Operation) => operation.security?.some((alternative) => 'internalSecret' in alternative) ?? false;
/** The API-key scopes an operation accepts, or null when API keys are not accepted at all. */
export function apiKeyScopes(operation: Operation): string[] | null {
  const alternative = operation.security?.find((entry) => 'apiKey' in entry);
  return alternative ? alternative.apiKey! : null;
}

/** Lone surrogates (which fuzzing makes) replaced by U+FFFD, so they can be percent-encoded. */
function wellFormed(value: string): string {
  return value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(wellFormed(values[name] ?? '')));
}

const ERROR_CODE_SET = new Set<string>(ERROR_CODES);

/** Why a reply breaks the one error contract, or null when it keeps it. */
export function errorContractViolation(status: number, body: unknown, contentType: string | null): string | null {
  if (status >= 500) return `status ${status}`;
  if (status < 400) return null;
  if (!contentType?.includes('application/json')) return `${status} with content-type ${contentType}`;
  const shape = body as Record<string, unknown> | null;
  if (!shape || typeof shape !== 'object') return `${status} without a JSON object body`;
  if (shape.statusCode !== status) return `statusCode ${String(shape.statusCode)} ≠ ${status}`;
  if (typeof shape.code !== 'string' || !ERROR_CODE_SET.has(shape.code)) return `unknown code ${String(shape.code)}`;
  if (typeof shape.message !== 'string') return 'message missing';
  if (typeof shape.correlationId !== 'string' || !shape.correlationId) return 'correlationId missing';
  return null;
}

/** A value the schema accepts, with ids taken from `ids` by property name (valid JSON Schema, simple cross-field hints). */
export function validValue(schema: JsonSchema | undefined, name: string, ids: Record<string, string | undefined>): unknown {
  if (!schema) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return validValue(variants.find((variant) => variant.type !== 'null') ?? variants[0], name, ids);
  if (schema.allOf) return validValue(schema.allOf[0], name, ids);
  const type = Array.isArray(schema.type) ? schema.type.find((entry) => entry !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const key of schema.required ?? []) value[key] = validValue(schema.properties?.[key], key, ids);
      return value;
    }
    case 'array': {
      const singular = name.replace(/Ids$/, 'Id').replace(/s$/, '');
      return Array.from({ length: schema.minItems ?? 0 }, () => validValue(schema.items, singular, ids));
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
      return Math.min(Math.max(min, 1), schema.maximum ?? Number.MAX_SAFE_INTEGER);
    }
    case 'boolean':
      return true;
    case 'string': {
      if (schema.format === 'uuid') return ids[name] ?? ids[`${name}Id`] ?? '00000000-0000-4000-8000-000000000000';
      const hour = 3_600_000;
      if (schema.format === 'date-time') return new Date(Date.now() + (/end|to|until/i.test(name) ? 3 : 2) * hour).toISOString();
      if (schema.format === 'date') return new Date(Date.now() + (/to|until/i.test(name) ? 7 : 0) * 86_400_000).toISOString().slice(0, 10);
      if (schema.format === 'email') return 'someone@tec.example';
      if (ids[name]) return ids[name];
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 3)).slice(0, schema.maxLength ?? 1000);
    }
    default:
      return null;
  }
}

// ---- malformed values ----

const HUGE = 'A'.repeat(70_000);
const nasty = fc.constantFrom(
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  '..\\..\\windows\\win.ini',
  '\u0000',
  '%00',
  "' OR '1'='1",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '=cmd|\' /C calc\'!A0',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '123e4567-e89b-12d3-a456-42661417400',
  '123e4567-e89b-12d3-a456-4266141740000',
  'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
  '-1',
  '0',
  '1e308',
  '-9223372036854775809',
  'NaN',
  'Infinity',
  'true',
  'null',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '9999-99-99',
  '2024-02-30T25:61:61Z',
  '\ud800',
  '🙂'.repeat(300),
  'a\r\nSet-Cookie: x=1',
  HUGE,
);

/** A wrong value of any JSON type: the interesting edge of every field. */
export const badScalar: fc.Arbitrary<unknown> = fc.oneof(
  nasty,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer(),
  fc.constantFrom(-1, 0, -2147483649, 2 ** 53, Number.MAX_VALUE, -Number.MAX_VALUE, 1.5, -0.0001),
  fc.boolean(),
  fc.constant(null),
  fc.uuid(),
);

export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: badScalar },
  { weight: 1, arbitrary: fc.array(badScalar, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), badScalar, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.constant(Array.from({ length: 5000 }, (_, index) => index)) },
);

/** A path or query value: strings only, so anything goes. */
export const badParam: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: nasty },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 2, arbitrary: fc.uuid().map(String) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.constant('x'.repeat(5000)) },
);

/** A body that is almost right: the valid shape with one field wrong, missing or extra. */
export function mutatedBody(schema: JsonSchema, ids: Record<string, string | undefined>): fc.Arbitrary<unknown> {
  const valid = validValue(schema, 'body', ids) as Record<string, unknown>;
  const keys = Object.keys(schema.properties ?? {});
  if (!keys.length || typeof valid !== 'object' || valid === null) return badValue;
  return fc.oneof(
    fc.record({ key: fc.constantFrom(...keys), value: badValue }).map(({ key, value }) => ({ ...valid, [key]: value })),
    fc.constantFrom(...keys).map((key) => {
      const copy = { ...valid };
      delete copy[key];
      return copy;
    }),
    fc.record({ key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'role', 'isAdmin')), value: badValue }).map(({ key, value }) => {
      const copy = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>;
      Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
      return copy;
    }),
    fc.dictionary(fc.constantFrom(...keys), badValue, { minKeys: 1 }).map((wrong) => ({ ...valid, ...wrong })),
  );
}

/** Raw bodies that are not JSON (or not what the content type says). */
export const rawGarbage: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('{', '{"a":', '[1,2,', 'null', '"just a string"', '{"a":1}}', '\u0000\u0001', '<xml/>', 'a=1&b=2', '{"__proto__":{"admin":true}}', ''),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constant(`{"deep":${'['.repeat(5000)}${']'.repeat(5000)}}`),
  fc.constant(`{"big":"${'B'.repeat(2_000_000)}"}`),
);

export const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/octet-stream',
  'application/json; charset=bogus',
);

export interface Reply {
  status: number;
  body: unknown;
  text: string;
  contentType: string | null;
  headers: Headers;
}

/** One request with a deadline; the body is parsed when it is JSON and kept as text otherwise. A hang is status 0. */
export async function call(
  stack: Stack,
  method: string,
  route: string,
  options: { headers?: Record<string, string>; body?: unknown; rawBody?: string | Buffer; timeoutMs?: number } = {},
): Promise<Reply> {
  const headers = { ...options.headers };
  let body: string | Buffer | undefined = options.rawBody;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.body);
  }
  try {
    const response = await fetch(`${stack.url}${route}`, { method, headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed, text, contentType: response.headers.get('content-type'), headers: response.headers };
  } catch (error) {
    return { status: 0, body: undefined, text: String(error), contentType: null, headers: new Headers() };
  }
}
