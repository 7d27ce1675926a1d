import { LOCKED_CATEGORIES, type DeliveryMode, type NotificationCategory, type NotificationChannel } from '@tec/shared';
import { modeKey, type ModeOverrides } from './preferences.repository';

/** Defaults when a user has not chosen: chat messages go to email once a day, everything else at once. */
const DEFAULT_MODES: Partial<Record<`${NotificationCategory}:${NotificationChannel}`, DeliveryMode>> = {
  'messages:email': 'daily_digest',
};

export function isLocked(category: NotificationCategory): boolean {
  return LOCKED_CATEGORIES.includes(category);
}

/** Locked (critical) categories are always delivered at once, whatever is stored. */
export function effectiveMode(overrides: ModeOverrides, category: NotificationCategory, channel: NotificationChannel): DeliveryMode {
  if (isLocked(category)) return 'immediately';
  return overrides.get(modeKey(category, channel)) ?? DEFAULT_MODES[`${category}:${channel}`] ?? 'immediately';
}
