import { z } from 'zod';

/**
 * What a notification is about. Users choose a delivery mode per category and channel; `security` and
 * `absence` (the absence of a minor, told to their guardians) are critical: locked on, and they bypass quiet hours.
 * Categories are persisted in preferences: add new ones, never rename.
 */
export const NOTIFICATION_CATEGORIES = [
  'forum',
  'grades',
  'coursework',
  'achievements',
  'attendance',
  'absence',
  'live_classes',
  'messages',
  'parent_alerts',
  'security',
  'system',
] as const;
export const NotificationCategory = z.enum(NOTIFICATION_CATEGORIES);
export type NotificationCategory = z.infer<typeof NotificationCategory>;

export const LOCKED_CATEGORIES: readonly NotificationCategory[] = ['security', 'absence'];

export const NOTIFICATION_CHANNELS = ['email', 'in_app'] as const;
export const NotificationChannel = z.enum(NOTIFICATION_CHANNELS);
export type NotificationChannel = z.infer<typeof NotificationChannel>;

export const DELIVERY_MODES = ['off', 'immediately', 'daily_digest', 'weekly_digest'] as const;
export const DeliveryMode = z.enum(DELIVERY_MODES);
export type DeliveryMode = z.infer<typeof DeliveryMode>;

/** One in-app notification, as the bell and the list show it. */
export const NotificationView = z.object({
  id: z.uuid(),
  category: NotificationCategory,
  title: z.string(),
  body: z.string(),
  /** A path inside the web app (`/courses/…`) or null. */
  link: z.string().nullable(),
  readAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationsListRequest = z.object({
  unreadOnly: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .transform((value) => value === true || value === 'true')
    .default(false),
  /** The previous page's `nextCursor` (newest first). */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const NotificationsPage = z.object({
  items: z.array(NotificationView),
  nextCursor: z.string().nullable(),
  unreadCount: z.number().int(),
});
export const UnreadCount = z.object({ unreadCount: z.number().int() });
export const NotificationMarkRead = z.object({ notificationId: z.uuid() });
export const MarkedRead = z.object({ updated: z.number().int(), unreadCount: z.number().int() });

/** One preference cell. Locked categories always answer `immediately` and `locked: true`. */
export const PreferenceView = z.object({
  category: NotificationCategory,
  channel: NotificationChannel,
  mode: DeliveryMode,
  locked: z.boolean(),
});
export const HHMM = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'HH:MM, 24-hour');
export const QuietHours = z.object({
  enabled: z.boolean(),
  /** Local time in the user's timezone; a window may cross midnight (22:00 → 07:00). */
  start: HHMM,
  end: HHMM,
});
export type QuietHours = z.infer<typeof QuietHours>;
export const PreferencesView = z.object({
  timezone: z.string(),
  preferences: z.array(PreferenceView),
  quietHours: QuietHours,
  /** The user's email is on the suppression list (bounced, spam report or unsubscribed): only in-app arrives. */
  emailSuppressed: z.boolean(),
});
export const PreferencesUpdateRequest = z.object({
  preferences: z
    .array(z.object({ category: NotificationCategory, channel: NotificationChannel, mode: DeliveryMode }))
    .max(NOTIFICATION_CATEGORIES.length * NOTIFICATION_CHANNELS.length),
});
export const QuietHoursUpdateRequest = QuietHours;

/** The signed link in every email: `token` names the recipient and category; no sign-in needed. */
export const UnsubscribeRequest = z.object({ token: z.string().min(10).max(1000) });
export const UnsubscribeLanding = z.object({
  email: z.string(),
  category: NotificationCategory.nullable(),
  /** True once the address no longer gets this category (or any email, for a global unsubscribe). */
  unsubscribed: z.boolean(),
});
