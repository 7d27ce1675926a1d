import { Controller } from '@nestjs/common';
import { notificationsRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { DeliveryLogService } from './delivery-log.service';

@Controller()
export class DeliveryLogController {
  constructor(private readonly log: DeliveryLogService) {}

  @RpcRoute(notificationsRpc.deliveriesList)
  list(payload: RpcParsedRequest<typeof notificationsRpc.deliveriesList>, auth: AuthContext) {
    return this.log.list(auth, payload);
  }

  @RpcRoute(notificationsRpc.deliveryGet)
  get(payload: RpcParsedRequest<typeof notificationsRpc.deliveryGet>, auth: AuthContext) {
    return this.log.get(auth, payload.deliveryId);
  }

  @RpcRoute(notificationsRpc.deliveryRetry)
  retry(payload: RpcParsedRequest<typeof notificationsRpc.deliveryRetry>, auth: AuthContext) {
    return this.log.retry(auth, payload.deliveryId);
  }

  @RpcRoute(notificationsRpc.queueStats)
  stats(_payload: unknown, auth: AuthContext) {
    return this.log.stats(auth);
  }

  @RpcRoute(notificationsRpc.queueProcess)
  process(_payload: unknown, auth: AuthContext) {
    return this.log.process(auth);
  }

  @RpcRoute(notificationsRpc.deadContactsList)
  deadContacts(_payload: unknown, auth: AuthContext) {
    return this.log.deadContacts(auth);
  }

  @RpcRoute(notificationsRpc.suppressionsList)
  suppressions(payload: RpcParsedRequest<typeof notificationsRpc.suppressionsList>, auth: AuthContext) {
    return this.log.suppressionsPage(auth, payload);
  }

  @RpcRoute(notificationsRpc.suppressionRemove)
  removeSuppression(payload: RpcParsedRequest<typeof notificationsRpc.suppressionRemove>, auth: AuthContext) {
    return this.log.removeSuppression(auth, payload.email);
  }
}
