import { Controller } from '@nestjs/common';
import { parentPortalRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { AlertsService } from '../alerts/alerts.service';
import { DigestSettingsService } from '../digest/digest-settings.service';
import { OverviewService } from './overview.service';

type Rpc = typeof parentPortalRpc;

@Controller()
export class OverviewController {
  constructor(
    private readonly overview: OverviewService,
    private readonly alerts: AlertsService,
    private readonly digest: DigestSettingsService,
  ) {}

  @RpcRoute(parentPortalRpc.childrenList)
  children(_payload: RpcParsedRequest<Rpc['childrenList']>, auth: AuthContext) {
    return this.overview.children(auth);
  }

  @RpcRoute(parentPortalRpc.childOverview)
  child(payload: RpcParsedRequest<Rpc['childOverview']>, auth: AuthContext) {
    return this.overview.overview(auth, payload.studentId);
  }

  @RpcRoute(parentPortalRpc.alertsList)
  alertsList(payload: RpcParsedRequest<Rpc['alertsList']>, auth: AuthContext) {
    return this.alerts.list(auth, payload);
  }

  @RpcRoute(parentPortalRpc.alertsMarkRead)
  markRead(payload: RpcParsedRequest<Rpc['alertsMarkRead']>, auth: AuthContext) {
    return this.alerts.markRead(auth, payload);
  }

  @RpcRoute(parentPortalRpc.alertSettingsGet)
  alertSettings(payload: RpcParsedRequest<Rpc['alertSettingsGet']>, auth: AuthContext) {
    return this.alerts.getSettings(auth, payload.studentId);
  }

  @RpcRoute(parentPortalRpc.alertSettingsUpdate)
  updateAlertSettings(payload: RpcParsedRequest<Rpc['alertSettingsUpdate']>, auth: AuthContext) {
    return this.alerts.updateSettings(auth, payload.studentId, payload.settings);
  }

  @RpcRoute(parentPortalRpc.digestSettingsGet)
  digestSettings(_payload: RpcParsedRequest<Rpc['digestSettingsGet']>, auth: AuthContext) {
    return this.digest.get(auth);
  }

  @RpcRoute(parentPortalRpc.digestSettingsUpdate)
  updateDigestSettings(payload: RpcParsedRequest<Rpc['digestSettingsUpdate']>, auth: AuthContext) {
    return this.digest.update(auth, payload);
  }

  @RpcRoute(parentPortalRpc.accessLogList)
  accessLog(payload: RpcParsedRequest<Rpc['accessLogList']>, auth: AuthContext) {
    return this.overview.accessLog(auth, payload);
  }
}
