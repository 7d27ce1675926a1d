import { Controller, Get, Inject, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import {
  dataRightsCoreRpc,
  dataRightsRpc,
  DomainError,
  ErasureReason,
  isDomainError,
  NATS_CONNECTION,
  unpackDataExport,
  type NatsConnection,
  RpcClient,
  SERVICE_NAMES,
  UserErasure,
  UserErasures,
  type AuthContext,
  type DataExport,
} from '@tec/shared';
import { CurrentAuth } from '../auth/current-auth.decorator';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../tokens';
import { Endpoint } from '../http/endpoint.decorator';
import { Input } from '../http/input.decorator';
import { buildManifest, streamExportZip } from './export-archive';

const UserParams = z.object({ userId: z.uuid() });
const ErasureBody = z.object({ reason: ErasureReason }).strict();
const EXPORT_TIMEOUT_MS = 30_000;

/**
 * Data rights for admins: export everything every service holds about one user as a ZIP, erase a user across
 * services (through core's `core.v1.user_erasure_requested`) and follow the erasure per service.
 */
@Controller('admin/users/:userId')
export class DataRightsController {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** One service's export; a large one is collected from the data-exports object store (see export-store.ts). */
  private async serviceExport(service: (typeof SERVICE_NAMES)[number], params: { userId: string }, auth: AuthContext): Promise<DataExport> {
    const reply = await this.rpc.call(dataRightsRpc(service), params, auth, { timeoutMs: EXPORT_TIMEOUT_MS });
    return unpackDataExport(reply, this.nats, this.config.NATS_SUBJECT_PREFIX);
  }

  @Get('export')
  @Endpoint({
    tag: 'data-rights',
    summary:
      'Export one user\'s data from every service as a ZIP (manifest.json + <service>.json). Audited in core. All or nothing: if any service fails to answer, SERVICE_UNAVAILABLE lists them and no archive is sent.',
    access: { kind: 'authenticated', roles: ['admin'] },
    params: UserParams,
    response: z.string().meta({ format: 'binary', description: 'application/zip' }),
  })
  async export(@Input('params') params: z.infer<typeof UserParams>, @CurrentAuth() auth: AuthContext, @Res() response: Response): Promise<void> {
    const audit = await this.rpc.call(dataRightsCoreRpc.recordExport, params, auth);
    const results = await Promise.allSettled(SERVICE_NAMES.map((service) => this.serviceExport(service, params, auth)));
    const failed = results.flatMap((result, index) =>
      result.status === 'rejected' ? [{ service: SERVICE_NAMES[index]!, code: isDomainError(result.reason) ? result.reason.code : 'INTERNAL' }] : [],
    );
    if (failed.length) {
      throw new DomainError('SERVICE_UNAVAILABLE', `The export is incomplete: ${failed.map((entry) => entry.service).join(', ')} did not answer. Nothing was sent; try again.`, { failed });
    }
    const exports = results.map((result) => (result as PromiseFulfilledResult<DataExport>).value);
    const manifest = buildManifest({ exportId: audit.exportId, userId: params.userId, requestedBy: auth.kind === 'user' ? auth.userId : 'unknown', exports });
    response.status(200);
    response.setHeader('Content-Type', 'application/zip');
    response.setHeader('Content-Disposition', `attachment; filename="user-${params.userId}-export.zip"`);
    response.setHeader('Cache-Control', 'no-store');
    await streamExportZip(response, manifest, exports).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  }

  @Post('erasure')
  @Endpoint({
    tag: 'data-rights',
    summary:
      'Erase a user across services. Core keeps an audit row (who, when, why), de-identifies the account at once and asks every service; follow it with GET …/erasures. Asking again returns the first erasure.',
    access: { kind: 'authenticated', roles: ['admin'] },
    params: UserParams,
    body: ErasureBody,
    response: UserErasure,
    status: 202,
  })
  erase(@Input('params') params: z.infer<typeof UserParams>, @Input('body') body: z.infer<typeof ErasureBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(dataRightsCoreRpc.requestErasure, { userId: params.userId, reason: body.reason }, auth);
  }

  @Get('erasures')
  @Endpoint({ tag: 'data-rights', summary: 'The erasure of a user and its status per service', access: { kind: 'authenticated', roles: ['admin'] }, params: UserParams, response: UserErasures })
  erasures(@Input('params') params: z.infer<typeof UserParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(dataRightsCoreRpc.erasures, params, auth);
  }
}
