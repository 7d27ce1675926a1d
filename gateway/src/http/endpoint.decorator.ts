import { applyDecorators, HttpCode, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';
import type { ApiKeyScope, Role } from '@tec/shared';

/** Who may call a route. Users need one of `roles` (any signed-in user when omitted); API keys need every scope. */
export type Access =
  | { kind: 'public' }
  | { kind: 'internal' }
  | { kind: 'authenticated'; roles?: readonly Role[]; scopes?: readonly ApiKeyScope[] };

export interface EndpointSpec {
  summary: string;
  tag: string;
  access: Access;
  body?: z.ZodType;
  query?: z.ZodObject;
  params?: z.ZodObject;
  /** The success reply; omit for 204. */
  response?: z.ZodType;
  status?: number;
}

export const ENDPOINT = Symbol('gateway:endpoint');

export function jsonSchema(schema: z.ZodType): SchemaObject {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as SchemaObject;
}

const ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['statusCode', 'code', 'message', 'correlationId'],
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string', example: 'VALIDATION_FAILED' },
    message: { type: 'string' },
    details: {},
    correlationId: { type: 'string' },
  },
};

/**
 * One decorator per route: access rules, validation schemas and the OpenAPI description all come from the
 * same zod schemas, so the docs cannot drift from what is enforced. The `EndpointGuard` and
 * `ValidationGuard` read this metadata.
 */
export function Endpoint(spec: EndpointSpec): MethodDecorator {
  const status = spec.status ?? (spec.response ? 200 : 204);
  const decorators: (MethodDecorator | ClassDecorator)[] = [
    SetMetadata(ENDPOINT, spec),
    ApiTags(spec.tag),
    ApiOperation({ summary: spec.summary }),
    HttpCode(status),
    ApiResponse(spec.response ? { status, schema: jsonSchema(spec.response) } : { status, description: 'No content' }),
    ApiResponse({ status: 400, description: 'VALIDATION_FAILED / BAD_REQUEST', schema: ERROR_SCHEMA }),
    ApiResponse({ status: 429, description: 'RATE_LIMITED', schema: ERROR_SCHEMA }),
  ];
  if (spec.access.kind === 'authenticated') {
    decorators.push(ApiBearerAuth(), ApiResponse({ status: 401, description: 'UNAUTHENTICATED / TOKEN_EXPIRED / TOKEN_INVALID', schema: ERROR_SCHEMA }));
    decorators.push(ApiResponse({ status: 403, description: 'FORBIDDEN', schema: ERROR_SCHEMA }));
    if (spec.access.scopes?.length) decorators.push(ApiSecurity('apiKey', [...spec.access.scopes]));
  }
  if (spec.access.kind === 'internal') decorators.push(ApiSecurity('internalSecret'));
  if (spec.body) decorators.push(ApiBody({ schema: jsonSchema(spec.body) }));
  for (const [name, schema] of Object.entries(spec.params?.shape ?? {})) {
    decorators.push(ApiParam({ name, schema: jsonSchema(schema as z.ZodType) }));
  }
  for (const [name, schema] of Object.entries(spec.query?.shape ?? {})) {
    const field = schema as z.ZodType;
    decorators.push(ApiQuery({ name, required: !field.safeParse(undefined).success, schema: jsonSchema(field) }));
  }
  return applyDecorators(...decorators);
}
