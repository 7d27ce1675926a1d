import { z } from 'zod';
import { defineRpc } from '../rpc-contract';
import {
  AnalyticsRequest,
  DeadContactsList,
  DeliveriesListRequest,
  DeliveriesPage,
  DeliveryById,
  DeliveryDetail,
  EmailAnalytics,
  EmailTemplateView,
  QueueProcessed,
  QueueStats,
  SuppressionRemoveRequest,
  SuppressionsListRequest,
  SuppressionsPage,
  TemplateActiveRequest,
  TemplateByName,
  TemplateDetail,
  TemplatePreview,
  TemplatePreviewRequest,
  TemplatesList,
  TemplateTestSendRequest,
  TemplateUpdateRequest,
  TestSendQueued,
} from './email.dto';
import {
  MarkedRead,
  NotificationMarkRead,
  NotificationsListRequest,
  NotificationsPage,
  PreferencesUpdateRequest,
  PreferencesView,
  QuietHoursUpdateRequest,
  UnreadCount,
  UnsubscribeLanding,
  UnsubscribeRequest,
} from './notification.dto';

const Empty = z.object({}).strict();

/** Every RPC the notifications service answers, `rpc.notifications.<action>`. Add `<action>V2`, never rename. */
export const notificationsRpc = {
  // The caller's own in-app notifications (signed-in users only; always scoped to the caller).
  notificationsList: defineRpc('notifications', 'notificationsList', NotificationsListRequest, NotificationsPage),
  notificationsUnreadCount: defineRpc('notifications', 'notificationsUnreadCount', Empty, UnreadCount),
  notificationsMarkRead: defineRpc('notifications', 'notificationsMarkRead', NotificationMarkRead, MarkedRead),
  notificationsMarkAllRead: defineRpc('notifications', 'notificationsMarkAllRead', Empty, MarkedRead),
  // The caller's preferences and quiet hours.
  preferencesGet: defineRpc('notifications', 'preferencesGet', Empty, PreferencesView),
  preferencesUpdate: defineRpc('notifications', 'preferencesUpdate', PreferencesUpdateRequest, PreferencesView),
  quietHoursUpdate: defineRpc('notifications', 'quietHoursUpdate', QuietHoursUpdateRequest, PreferencesView),
  // The signed link of every email (anyone holding the token).
  unsubscribeView: defineRpc('notifications', 'unsubscribeView', UnsubscribeRequest, UnsubscribeLanding),
  unsubscribeConfirm: defineRpc('notifications', 'unsubscribeConfirm', UnsubscribeRequest, UnsubscribeLanding),
  // Admins.
  templatesList: defineRpc('notifications', 'templatesList', Empty, TemplatesList),
  templateGet: defineRpc('notifications', 'templateGet', TemplateByName, TemplateDetail),
  templateUpdate: defineRpc('notifications', 'templateUpdate', TemplateUpdateRequest, EmailTemplateView),
  templateSetActive: defineRpc('notifications', 'templateSetActive', TemplateActiveRequest, EmailTemplateView),
  templatePreview: defineRpc('notifications', 'templatePreview', TemplatePreviewRequest, TemplatePreview),
  templateTestSend: defineRpc('notifications', 'templateTestSend', TemplateTestSendRequest, TestSendQueued),
  analyticsGet: defineRpc('notifications', 'analyticsGet', AnalyticsRequest, EmailAnalytics),
  queueStats: defineRpc('notifications', 'queueStats', Empty, QueueStats),
  /** Admins or the internal trigger: sends what is due now (the worker does this on its own; this is a manual nudge). */
  queueProcess: defineRpc('notifications', 'queueProcess', Empty, QueueProcessed),
  deliveriesList: defineRpc('notifications', 'deliveriesList', DeliveriesListRequest, DeliveriesPage),
  deliveryGet: defineRpc('notifications', 'deliveryGet', DeliveryById, DeliveryDetail),
  /** A failed, bounced or dropped email goes back to the queue (once more, with a fresh attempt count). */
  deliveryRetry: defineRpc('notifications', 'deliveryRetry', DeliveryById, DeliveryDetail),
  deadContactsList: defineRpc('notifications', 'deadContactsList', Empty, DeadContactsList),
  suppressionsList: defineRpc('notifications', 'suppressionsList', SuppressionsListRequest, SuppressionsPage),
  suppressionRemove: defineRpc('notifications', 'suppressionRemove', SuppressionRemoveRequest, z.object({ removed: z.boolean() })),
} as const;

export type TemplateView = z.infer<typeof EmailTemplateView>;
