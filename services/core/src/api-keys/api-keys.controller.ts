import { Controller } from '@nestjs/common';
import { coreRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { requireRole, requireService } from '../common/access';
import { ApiKeysService } from './api-keys.service';

/** Keys are managed by admins only (never by another key), and verified for the gateway. */
@Controller()
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @RpcRoute(coreRpc.apiKeysCreate)
  create(payload: RpcParsedRequest<typeof coreRpc.apiKeysCreate>, auth: AuthContext) {
    return this.apiKeys.create(requireRole(auth, 'admin').userId, payload);
  }

  @RpcRoute(coreRpc.apiKeysList)
  async list(_payload: RpcParsedRequest<typeof coreRpc.apiKeysList>, auth: AuthContext) {
    requireRole(auth, 'admin');
    return { items: await this.apiKeys.list() };
  }

  @RpcRoute(coreRpc.apiKeysRevoke)
  revoke(payload: RpcParsedRequest<typeof coreRpc.apiKeysRevoke>, auth: AuthContext) {
    requireRole(auth, 'admin');
    return this.apiKeys.revoke(payload.apiKeyId);
  }

  @RpcRoute(coreRpc.apiKeysVerify)
  verify(payload: RpcParsedRequest<typeof coreRpc.apiKeysVerify>, auth: AuthContext) {
    requireService(auth);
    return this.apiKeys.verify(payload.key);
  }
}
