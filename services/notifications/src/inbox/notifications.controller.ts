import { Controller } from '@nestjs/common';
import { notificationsRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { NotificationsService } from './notifications.service';

@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @RpcRoute(notificationsRpc.notificationsList)
  list(payload: RpcParsedRequest<typeof notificationsRpc.notificationsList>, auth: AuthContext) {
    return this.notifications.list(auth, payload);
  }

  @RpcRoute(notificationsRpc.notificationsUnreadCount)
  unread(_payload: unknown, auth: AuthContext) {
    return this.notifications.unreadCount(auth);
  }

  @RpcRoute(notificationsRpc.notificationsMarkRead)
  markRead(payload: RpcParsedRequest<typeof notificationsRpc.notificationsMarkRead>, auth: AuthContext) {
    return this.notifications.markRead(auth, payload.notificationId);
  }

  @RpcRoute(notificationsRpc.notificationsMarkAllRead)
  markAllRead(_payload: unknown, auth: AuthContext) {
    return this.notifications.markAllRead(auth);
  }
}
