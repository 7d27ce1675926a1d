import {
  DELIVERY_MODES,
  type DeliveryMode,
  NOTIFICATION_CATEGORIES,
  NOTIFICATION_CHANNELS,
  type NotificationCategory,
  type NotificationChannel,
} from '@tec/shared/contracts';
import type { PreferenceChange, PreferenceView } from '../../api/notifications.api';

export const CHANNELS: readonly NotificationChannel[] = NOTIFICATION_CHANNELS;
export const MODES: readonly DeliveryMode[] = DELIVERY_MODES;

/** One category: its mode per channel, and whether it is critical (locked on). */
export interface PreferenceRow {
  category: NotificationCategory;
  locked: boolean;
  modes: Record<NotificationChannel, DeliveryMode>;
}

/** What a cell the server left out means: the service's default is to deliver at once. */
const DEFAULT_MODE: DeliveryMode = 'immediately';

/**
 * The server's flat cells as a category × channel grid, in the contract's category order (a category the server
 * doesn't list is left out; one this build doesn't know is appended, so nothing the server sends is hidden).
 */
export function toPreferenceRows(preferences: readonly PreferenceView[]): PreferenceRow[] {
  const byCategory = new Map<string, PreferenceRow>();
  for (const cell of preferences) {
    const row = byCategory.get(cell.category) ?? {
      category: cell.category,
      locked: false,
      modes: { email: DEFAULT_MODE, in_app: DEFAULT_MODE },
    };
    row.modes[cell.channel] = cell.mode;
    row.locked = row.locked || cell.locked;
    byCategory.set(cell.category, row);
  }
  const known = NOTIFICATION_CATEGORIES.filter((category) => byCategory.has(category)).map((category) => byCategory.get(category)!);
  const unknown = [...byCategory.values()].filter((row) => !(NOTIFICATION_CATEGORIES as readonly string[]).includes(row.category));
  return [...known, ...unknown];
}

/** The grid with one cell changed; locked rows never change. */
export function setMode(rows: readonly PreferenceRow[], category: NotificationCategory, channel: NotificationChannel, mode: DeliveryMode): PreferenceRow[] {
  return rows.map((row) => (row.category === category && !row.locked ? { ...row, modes: { ...row.modes, [channel]: mode } } : row));
}

/** The cells that differ from what was loaded: the body of `PUT /notifications/preferences`. */
export function changedCells(saved: readonly PreferenceRow[], draft: readonly PreferenceRow[]): PreferenceChange[] {
  const before = new Map(saved.map((row) => [row.category, row]));
  const changes: PreferenceChange[] = [];
  for (const row of draft) {
    if (row.locked) continue;
    for (const channel of CHANNELS) {
      if (before.get(row.category)?.modes[channel] !== row.modes[channel]) {
        changes.push({ category: row.category, channel, mode: row.modes[channel] });
      }
    }
  }
  return changes;
}

const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

export function isValidTime(value: string): boolean {
  return HHMM.test(value);
}

/** A window that ends before it starts (22:00 → 07:00) runs over midnight. Equal ends cover nothing. */
export function crossesMidnight(start: string, end: string): boolean {
  return end < start;
}

/** Badge text: counts above 99 read "99+" so the bell keeps its size. */
export function badgeText(count: number): string {
  return count > 99 ? '99+' : String(Math.max(0, count));
}
