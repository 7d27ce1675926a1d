import { Controller } from '@nestjs/common';
import { parentPortalRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { LinksService } from './links.service';
import { PairingCodesService } from './pairing-codes.service';

type Rpc = typeof parentPortalRpc;

@Controller()
export class LinksController {
  constructor(
    private readonly links: LinksService,
    private readonly codes: PairingCodesService,
  ) {}

  @RpcRoute(parentPortalRpc.pairingCodeCreate)
  createCode(payload: RpcParsedRequest<Rpc['pairingCodeCreate']>, auth: AuthContext) {
    return this.codes.create(auth, payload.studentId);
  }

  @RpcRoute(parentPortalRpc.pairingCodesList)
  listCodes(payload: RpcParsedRequest<Rpc['pairingCodesList']>, auth: AuthContext) {
    return this.codes.list(auth, payload.studentId);
  }

  @RpcRoute(parentPortalRpc.pairingCodeRevoke)
  revokeCode(payload: RpcParsedRequest<Rpc['pairingCodeRevoke']>, auth: AuthContext) {
    return this.codes.revoke(auth, payload.codeId);
  }

  @RpcRoute(parentPortalRpc.linkRedeem)
  redeem(payload: RpcParsedRequest<Rpc['linkRedeem']>, auth: AuthContext) {
    return this.links.redeem(auth, payload);
  }

  @RpcRoute(parentPortalRpc.linkCreate)
  create(payload: RpcParsedRequest<Rpc['linkCreate']>, auth: AuthContext) {
    return this.links.createByAdmin(auth, payload);
  }

  @RpcRoute(parentPortalRpc.linksList)
  list(payload: RpcParsedRequest<Rpc['linksList']>, auth: AuthContext) {
    return this.links.list(auth, payload);
  }

  @RpcRoute(parentPortalRpc.linkApprove)
  approve(payload: RpcParsedRequest<Rpc['linkApprove']>, auth: AuthContext) {
    return this.links.approve(auth, payload.linkId, payload.note ?? null);
  }

  @RpcRoute(parentPortalRpc.linkReject)
  reject(payload: RpcParsedRequest<Rpc['linkReject']>, auth: AuthContext) {
    return this.links.reject(auth, payload.linkId, payload.note ?? null);
  }

  @RpcRoute(parentPortalRpc.linkRevoke)
  revoke(payload: RpcParsedRequest<Rpc['linkRevoke']>, auth: AuthContext) {
    return this.links.revoke(auth, payload.linkId, payload.note ?? null);
  }

  @RpcRoute(parentPortalRpc.linkConsent)
  consent(payload: RpcParsedRequest<Rpc['linkConsent']>, auth: AuthContext) {
    return this.links.consent(auth, payload.linkId, payload.consent);
  }

  @RpcRoute(parentPortalRpc.linkHistory)
  history(payload: RpcParsedRequest<Rpc['linkHistory']>, auth: AuthContext) {
    return this.links.history(auth, payload.linkId);
  }

  @RpcRoute(parentPortalRpc.settingsGet)
  settings(_payload: RpcParsedRequest<Rpc['settingsGet']>, auth: AuthContext) {
    return this.links.getSettings(auth);
  }

  @RpcRoute(parentPortalRpc.settingsUpdate)
  updateSettings(payload: RpcParsedRequest<Rpc['settingsUpdate']>, auth: AuthContext) {
    return this.links.updateSettings(auth, payload);
  }
}
