import type {
  MarkedRead as MarkedReadSchema,
  NotificationsPage as NotificationsPageSchema,
  PreferencesView as PreferencesViewSchema,
  PreferenceView as PreferenceViewSchema,
  UnreadCount as UnreadCountSchema,
  UnsubscribeLanding as UnsubscribeLandingSchema,
} from '@tec/shared/contracts';
import type { DeliveryMode, NotificationCategory, NotificationChannel, QuietHours } from '@tec/shared/contracts';
import type { z } from 'zod';
import { request } from './client';

export type { DeliveryMode, NotificationCategory, NotificationChannel, NotificationView, QuietHours } from '@tec/shared/contracts';

/** `GET /notifications`: newest first, with the caller's unread count. */
export type NotificationsPage = z.infer<typeof NotificationsPageSchema>;
export type UnreadCount = z.infer<typeof UnreadCountSchema>;
export type MarkedRead = z.infer<typeof MarkedReadSchema>;
export type PreferencesView = z.infer<typeof PreferencesViewSchema>;
export type PreferenceView = z.infer<typeof PreferenceViewSchema>;
export type UnsubscribeLanding = z.infer<typeof UnsubscribeLandingSchema>;

export interface PreferenceChange {
  category: NotificationCategory;
  channel: NotificationChannel;
  mode: DeliveryMode;
}

export interface NotificationsQuery {
  unreadOnly?: boolean;
  cursor?: string | null;
  limit?: number;
}

export function listNotifications({ unreadOnly, cursor, limit }: NotificationsQuery, signal?: AbortSignal): Promise<NotificationsPage> {
  return request<NotificationsPage>('/notifications', { signal, query: { unreadOnly: unreadOnly || undefined, cursor, limit } });
}

export function getUnreadCount(signal?: AbortSignal): Promise<UnreadCount> {
  return request<UnreadCount>('/notifications/unread-count', { signal });
}

export function markNotificationRead(notificationId: string): Promise<MarkedRead> {
  return request<MarkedRead>(`/notifications/${encodeURIComponent(notificationId)}/read`, { method: 'POST' });
}

export function markAllNotificationsRead(): Promise<MarkedRead> {
  return request<MarkedRead>('/notifications/read-all', { method: 'POST' });
}

export function getPreferences(signal?: AbortSignal): Promise<PreferencesView> {
  return request<PreferencesView>('/notifications/preferences', { signal });
}

/** Sends only the changed cells; FORBIDDEN for a locked (critical) category. */
export function updatePreferences(preferences: PreferenceChange[]): Promise<PreferencesView> {
  return request<PreferencesView>('/notifications/preferences', { method: 'PUT', body: { preferences } });
}

export function updateQuietHours(quietHours: QuietHours): Promise<PreferencesView> {
  return request<PreferencesView>('/notifications/quiet-hours', { method: 'PUT', body: quietHours });
}

/** The signed link of every email: public, the token is the credential (sent without the session). */
export function getUnsubscribe(token: string, signal?: AbortSignal): Promise<UnsubscribeLanding> {
  return request<UnsubscribeLanding>('/notifications/unsubscribe', { signal, query: { token }, auth: false });
}

export function confirmUnsubscribe(token: string): Promise<UnsubscribeLanding> {
  return request<UnsubscribeLanding>('/notifications/unsubscribe', { method: 'POST', query: { token }, auth: false });
}
