import { Controller, Get, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import {
  MarkedRead,
  NotificationsListRequest,
  NotificationsPage,
  notificationsRpc,
  PreferencesUpdateRequest,
  PreferencesView,
  QuietHoursUpdateRequest,
  RpcClient,
  UnreadCount,
  UnsubscribeLanding,
  UnsubscribeRequest,
  type AuthContext,
} from '@tec/shared';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { Endpoint } from '../http/endpoint.decorator';
import { Input } from '../http/input.decorator';

const NotificationParams = z.object({ notificationId: z.uuid() });
const SIGNED_IN = { kind: 'authenticated' } as const;

/**
 * Every signed-in user's own notifications, preferences and quiet hours (the service scopes everything to the
 * caller), and the signed unsubscribe link of every email. Live updates arrive on the socket as `notification`
 * (with `unreadCount`) and `notifications_read`.
 */
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Endpoint({ tag: 'notifications', summary: 'Your in-app notifications, newest first (cursor pagination), with your unread count', access: SIGNED_IN, query: NotificationsListRequest, response: NotificationsPage })
  list(@Input('query') query: z.infer<typeof NotificationsListRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(notificationsRpc.notificationsList, query, auth);
  }

  @Get('unread-count')
  @Endpoint({ tag: 'notifications', summary: 'Your unread count (the bell badge)', access: SIGNED_IN, response: UnreadCount })
  unread(@CurrentAuth() auth: AuthContext) {
    return this.rpc.call(notificationsRpc.notificationsUnreadCount, {}, auth);
  }

  @Post('read-all')
  @Endpoint({ tag: 'notifications', summary: 'Mark all your notifications read', access: SIGNED_IN, response: MarkedRead })
  readAll(@CurrentAuth() auth: AuthContext) {
    return this.rpc.call(notificationsRpc.notificationsMarkAllRead, {}, auth);
  }

  @Post(':notificationId/read')
  @Endpoint({ tag: 'notifications', summary: 'Mark one of your notifications read (NOT_FOUND for anyone else’s)', access: SIGNED_IN, params: NotificationParams, response: MarkedRead })
  read(@Input('params') params: z.infer<typeof NotificationParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(notificationsRpc.notificationsMarkRead, params, auth);
  }

  @Get('preferences')
  @Endpoint({ tag: 'notifications', summary: 'Your delivery mode per category × channel (locked = critical, always on), quiet hours, and whether your email is suppressed', access: SIGNED_IN, response: PreferencesView })
  preferences(@CurrentAuth() auth: AuthContext) {
    return this.rpc.call(notificationsRpc.preferencesGet, {}, auth);
  }

  @Put('preferences')
  @Endpoint({ tag: 'notifications', summary: 'Change some cells (off, immediately, daily_digest, weekly_digest); FORBIDDEN for locked categories', access: SIGNED_IN, body: PreferencesUpdateRequest, response: PreferencesView })
  updatePreferences(@Input('body') body: z.infer<typeof PreferencesUpdateRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(notificationsRpc.preferencesUpdate, body, auth);
  }

  @Put('quiet-hours')
  @Endpoint({ tag: 'notifications', summary: 'Quiet hours in your timezone (HH:MM, may cross midnight); emails wait until they end, critical ones excepted', access: SIGNED_IN, body: QuietHoursUpdateRequest, response: PreferencesView })
  quietHours(@Input('body') body: z.infer<typeof QuietHoursUpdateRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(notificationsRpc.quietHoursUpdate, body, auth);
  }

  @Get('unsubscribe')
  @Endpoint({ tag: 'notifications', summary: 'What a signed unsubscribe link stands for (the landing page), no sign-in', access: { kind: 'public' }, query: UnsubscribeRequest, response: UnsubscribeLanding })
  unsubscribeView(@Input('query') query: z.infer<typeof UnsubscribeRequest>) {
    return this.rpc.call(notificationsRpc.unsubscribeView, query, { kind: 'anonymous' });
  }

  /** RFC 8058: mail apps POST `List-Unsubscribe=One-Click` (form-encoded) here; the token in the URL is the credential. */
  @Post('unsubscribe')
  @Endpoint({ tag: 'notifications', summary: 'One-click unsubscribe (RFC 8058 List-Unsubscribe-Post target, and the landing page button)', access: { kind: 'public' }, query: UnsubscribeRequest, response: UnsubscribeLanding })
  unsubscribe(@Input('query') query: z.infer<typeof UnsubscribeRequest>) {
    return this.rpc.call(notificationsRpc.unsubscribeConfirm, query, { kind: 'anonymous' });
  }
}
