import { Controller, Delete, Get, Post } from '@nestjs/common';
import { z } from 'zod';
import {
  ApiKeyCreated,
  ApiKeyCreateRequest,
  ApiKeySummary,
  coreRpc,
  DashboardSummary,
  RosterImport,
  RosterImportStartRequest,
  RpcClient,
  type AuthContext,
} from '@tec/shared';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { Endpoint } from '../http/endpoint.decorator';
import { Input } from '../http/input.decorator';

const ApiKeyParams = z.object({ apiKeyId: z.uuid() });
const ImportParams = z.object({ importId: z.uuid() });

/** The role dashboard, integrator API keys and roster imports. */
@Controller()
export class AdminController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('dashboard')
  @Endpoint({ tag: 'dashboard', summary: "The signed-in user's home dashboard for their role", access: { kind: 'authenticated' }, response: DashboardSummary })
  dashboard(@CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.dashboardGet, {}, auth);
  }

  @Get('api-keys')
  @Endpoint({ tag: 'api-keys', summary: 'Integrator API keys', access: { kind: 'authenticated', roles: ['admin'] }, response: z.object({ items: z.array(ApiKeySummary) }) })
  apiKeys(@CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.apiKeysList, {}, auth);
  }

  @Post('api-keys')
  @Endpoint({
    tag: 'api-keys',
    summary: 'Create a scoped API key; the key is shown once',
    access: { kind: 'authenticated', roles: ['admin'] },
    body: ApiKeyCreateRequest,
    response: ApiKeyCreated,
    status: 201,
  })
  createApiKey(@Input('body') body: z.infer<typeof ApiKeyCreateRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.apiKeysCreate, body, auth);
  }

  @Delete('api-keys/:apiKeyId')
  @Endpoint({ tag: 'api-keys', summary: 'Revoke an API key', access: { kind: 'authenticated', roles: ['admin'] }, params: ApiKeyParams, response: ApiKeySummary })
  revokeApiKey(@Input('params') params: z.infer<typeof ApiKeyParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.apiKeysRevoke, params, auth);
  }

  @Post('imports/roster')
  @Endpoint({
    tag: 'imports',
    summary: 'Start a roster CSV import (email,first_name,last_name,role,date_of_birth,timezone,locale,course_code); poll its progress',
    access: { kind: 'authenticated', roles: ['admin'], scopes: ['users:write'] },
    body: RosterImportStartRequest,
    response: z.object({ importId: z.uuid() }),
    status: 202,
  })
  startImport(@Input('body') body: z.infer<typeof RosterImportStartRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.rosterImportStart, body, auth);
  }

  @Get('imports/:importId')
  @Endpoint({
    tag: 'imports',
    summary: 'Progress of a roster import: rows done, rows failed and why',
    access: { kind: 'authenticated', roles: ['admin'], scopes: ['users:write'] },
    params: ImportParams,
    response: RosterImport,
  })
  getImport(@Input('params') params: z.infer<typeof ImportParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.rosterImportGet, params, auth);
  }
}
