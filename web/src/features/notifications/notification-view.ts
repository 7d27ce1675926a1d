import type { NotificationView } from '../../api/notifications.api';
import type { MessageKey } from '../../i18n';

/** The list with the given notifications (or all) marked read at `readAt`; ones already read keep their time. */
export function markRead(items: readonly NotificationView[], ids: readonly string[] | 'all', readAt: string): NotificationView[] {
  const wanted = ids === 'all' ? null : new Set(ids);
  return items.map((item) => (!item.readAt && (!wanted || wanted.has(item.id)) ? { ...item, readAt } : item));
}

/**
 * Where a notification's link leads inside the app. Links are app paths (`/courses/…`); anything else (an
 * absolute URL, `javascript:`) is not followed.
 */
export function internalPath(link: string | null | undefined): string | null {
  if (!link || !link.startsWith('/') || link.startsWith('//')) return null;
  return link;
}

const CATEGORY_KEYS: Record<string, MessageKey> = {
  forum: 'notifications.category.forum',
  grades: 'notifications.category.grades',
  coursework: 'notifications.category.coursework',
  achievements: 'notifications.category.achievements',
  attendance: 'notifications.category.attendance',
  absence: 'notifications.category.absence',
  live_classes: 'notifications.category.live_classes',
  messages: 'notifications.category.messages',
  parent_alerts: 'notifications.category.parent_alerts',
  security: 'notifications.category.security',
  system: 'notifications.category.system',
};

/** A category this build doesn't know yet falls back to its raw name. */
export function categoryLabelKey(category: string): MessageKey | undefined {
  return CATEGORY_KEYS[category];
}
