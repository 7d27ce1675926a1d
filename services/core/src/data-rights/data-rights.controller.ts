import { Controller } from '@nestjs/common';
import { dataRightsCoreRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { DataRightsService } from './data-rights.service';

type Rpc = typeof dataRightsCoreRpc;

@Controller()
export class DataRightsController {
  constructor(private readonly dataRights: DataRightsService) {}

  @RpcRoute(dataRightsCoreRpc.recordExport)
  recordExport(payload: RpcParsedRequest<Rpc['recordExport']>, auth: AuthContext) {
    return this.dataRights.recordExport(auth, payload.userId);
  }

  @RpcRoute(dataRightsCoreRpc.requestErasure)
  requestErasure(payload: RpcParsedRequest<Rpc['requestErasure']>, auth: AuthContext) {
    return this.dataRights.requestErasure(auth, payload.userId, payload.reason);
  }

  @RpcRoute(dataRightsCoreRpc.erasures)
  erasures(payload: RpcParsedRequest<Rpc['erasures']>, auth: AuthContext) {
    return this.dataRights.erasures(auth, payload.userId);
  }
}
