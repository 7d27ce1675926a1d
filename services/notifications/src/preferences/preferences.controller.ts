import { Controller } from '@nestjs/common';
import { notificationsRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { PreferencesService } from './preferences.service';

@Controller()
export class PreferencesController {
  constructor(private readonly preferences: PreferencesService) {}

  @RpcRoute(notificationsRpc.preferencesGet)
  get(_payload: unknown, auth: AuthContext) {
    return this.preferences.get(auth);
  }

  @RpcRoute(notificationsRpc.preferencesUpdate)
  update(payload: RpcParsedRequest<typeof notificationsRpc.preferencesUpdate>, auth: AuthContext) {
    return this.preferences.update(auth, payload);
  }

  @RpcRoute(notificationsRpc.quietHoursUpdate)
  quietHours(payload: RpcParsedRequest<typeof notificationsRpc.quietHoursUpdate>, auth: AuthContext) {
    return this.preferences.setQuietHours(auth, payload);
  }

  /** Public: the signed token is the credential. */
  @RpcRoute(notificationsRpc.unsubscribeView)
  unsubscribeView(payload: RpcParsedRequest<typeof notificationsRpc.unsubscribeView>) {
    return this.preferences.landing(payload.token);
  }

  @RpcRoute(notificationsRpc.unsubscribeConfirm)
  unsubscribeConfirm(payload: RpcParsedRequest<typeof notificationsRpc.unsubscribeConfirm>) {
    return this.preferences.confirm(payload.token);
  }
}
