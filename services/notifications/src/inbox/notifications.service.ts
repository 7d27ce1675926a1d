import { Injectable } from '@nestjs/common';
import { DomainError, type AuthContext, type RpcParsedRequest, notificationsRpc } from '@tec/shared';
import { requireUser } from '../common/access';
import { NotificationsRepository } from './notifications.repository';
import { PushNotifier } from './push-notifier';

/** The caller's own bell. The user id always comes from the verified AuthContext, never from the request. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly push: PushNotifier,
  ) {}

  async list(auth: AuthContext, request: RpcParsedRequest<typeof notificationsRpc.notificationsList>) {
    const user = requireUser(auth);
    const page = await this.notifications.pageForUser(user.userId, request);
    return { ...page, unreadCount: await this.notifications.unreadCount(user.userId) };
  }

  async unreadCount(auth: AuthContext) {
    return { unreadCount: await this.notifications.unreadCount(requireUser(auth).userId) };
  }

  async markRead(auth: AuthContext, notificationId: string) {
    const user = requireUser(auth);
    // Another user's notification is "not found" for the caller: ids reveal nothing.
    const updated = await this.notifications.markRead(user.userId, notificationId);
    if (updated === null) throw DomainError.notFound('Notification');
    const unreadCount = await this.notifications.unreadCount(user.userId);
    if (updated > 0) this.push.pushRead(user.userId, [notificationId], unreadCount);
    return { updated, unreadCount };
  }

  async markAllRead(auth: AuthContext) {
    const user = requireUser(auth);
    const updated = await this.notifications.markAllRead(user.userId);
    const unreadCount = await this.notifications.unreadCount(user.userId);
    if (updated > 0) this.push.pushRead(user.userId, 'all', unreadCount);
    return { updated, unreadCount };
  }
}
