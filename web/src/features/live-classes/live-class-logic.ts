// Pure logic of the live-classes screens (unit-tested in live-class-logic.spec.ts): the join window and countdown,
// the Q&A list kept sorted under pushes, the attendance chart's scale, and reading the API's error details.
import type { LiveClass, LiveQuestion } from '@tec/shared/contracts';

export type JoinState =
  /** Not yet: the button is disabled until `opensAt`. */
  | { kind: 'waiting'; opensAt: number; msUntilOpen: number }
  | { kind: 'open' }
  | { kind: 'over' }
  | { kind: 'cancelled' };

/** Teachers may start twice as early as students (the service's rule): their window opens 2 × (start − joinOpensAt) before. */
export function joinStateOf(item: Pick<LiveClass, 'status' | 'startsAt' | 'endsAt' | 'joinOpensAt'>, now: number, asHost = false): JoinState {
  if (item.status === 'cancelled') return { kind: 'cancelled' };
  const endsAt = Date.parse(item.endsAt);
  if (item.status === 'completed' || now >= endsAt) return { kind: 'over' };
  const startsAt = Date.parse(item.startsAt);
  const studentOpens = Date.parse(item.joinOpensAt);
  const opensAt = asHost ? startsAt - 2 * (startsAt - studentOpens) : studentOpens;
  if (item.status === 'in_progress' || now >= opensAt) return { kind: 'open' };
  return { kind: 'waiting', opensAt, msUntilOpen: opensAt - now };
}

export interface CountdownParts {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** Whole days/hours/minutes/seconds of a non-negative span (rounded up to the second, so 0 shows only at the end). */
export function countdownParts(ms: number): CountdownParts {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return { days: Math.floor(total / 86_400), hours: Math.floor((total % 86_400) / 3600), minutes: Math.floor((total % 3600) / 60), seconds: total % 60 };
}

/** "2d 03:04:05", "03:04:05" or "04:05": compact enough for a phone card. */
export function formatCountdown(ms: number): string {
  const { days, hours, minutes, seconds } = countdownParts(ms);
  const pad = (value: number) => String(value).padStart(2, '0');
  const clock = hours > 0 || days > 0 ? `${pad(hours)}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
  return days > 0 ? `${days}d ${clock}` : clock;
}

/** How often a countdown needs to tick: every second in the last hour, else every 30 s. */
export function tickIntervalFor(ms: number): number {
  return ms <= 3_600_000 ? 1000 : 30_000;
}

/** Votes descending, then oldest first (the service's order). */
export function sortQuestions(items: readonly LiveQuestion[]): LiveQuestion[] {
  return [...items].sort((a, b) => b.votes - a.votes || Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id.localeCompare(b.id));
}

/**
 * Applies a `live_question` push: replaces the question by id (or adds it) and re-sorts. Pushes always carry
 * `votedByMe: false`, so the caller's own vote state is kept from what we already had.
 */
export function applyQuestionPush(items: readonly LiveQuestion[], question: LiveQuestion): LiveQuestion[] {
  const existing = items.find((item) => item.id === question.id);
  const merged = { ...question, votedByMe: existing?.votedByMe ?? false };
  return sortQuestions(existing ? items.map((item) => (item.id === question.id ? merged : item)) : [...items, merged]);
}

/** A REST reply (which carries the caller's true `votedByMe`) replaces the question in the list. */
export function replaceQuestion(items: readonly LiveQuestion[], question: LiveQuestion): LiveQuestion[] {
  return sortQuestions(items.some((item) => item.id === question.id) ? items.map((item) => (item.id === question.id ? question : item)) : [...items, question]);
}

/** Bar widths for the attendance chart: minutes attended against the slot length, clamped to [0, 1]. */
export function barFractions(minutes: readonly number[], slotMinutes: number): number[] {
  if (slotMinutes <= 0) return minutes.map(() => 0);
  return minutes.map((value) => Math.min(1, Math.max(0, value / slotMinutes)));
}

export function slotMinutesOf(item: Pick<LiveClass, 'startsAt' | 'endsAt'>): number {
  return Math.max(0, Math.round((Date.parse(item.endsAt) - Date.parse(item.startsAt)) / 60_000));
}

export interface ConflictDetail {
  classId: string;
  name: string;
  startsAt: string;
}

/** `CONFLICT` on scheduling carries `details.conflicts`: the teacher's classes the new one would overlap. */
export function conflictsOf(details: unknown): ConflictDetail[] {
  if (typeof details !== 'object' || details === null) return [];
  const list = (details as { conflicts?: unknown }).conflicts;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (entry): entry is ConflictDetail =>
      typeof entry === 'object' && entry !== null && typeof entry.classId === 'string' && typeof entry.name === 'string' && typeof entry.startsAt === 'string',
  );
}

/** `JOIN_WINDOW_CLOSED` before the window carries `details.opensAt`. */
export function opensAtOf(details: unknown): string | null {
  if (typeof details !== 'object' || details === null) return null;
  const value = (details as { opensAt?: unknown }).opensAt;
  return typeof value === 'string' ? value : null;
}

/** `VALIDATION_FAILED` details: field → message (zod issues arrive as `[{path, message}]`, the service's own as a record). */
export function fieldErrorsOf(details: unknown): Record<string, string> {
  if (Array.isArray(details)) {
    const out: Record<string, string> = {};
    for (const issue of details) {
      if (typeof issue === 'object' && issue !== null && typeof issue.path === 'string' && typeof issue.message === 'string') {
        out[issue.path.split('.')[0] ?? issue.path] ??= issue.message;
      }
    }
    return out;
  }
  if (typeof details !== 'object' || details === null) return {};
  const source = (details as { fields?: unknown }).fields ?? details;
  if (typeof source !== 'object' || source === null) return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value) && typeof value[0] === 'string') out[key] = value[0];
  }
  return out;
}

/** Classes split for the agenda: upcoming/live first (soonest first), then past (latest first). */
export function splitAgenda<T extends Pick<LiveClass, 'status' | 'endsAt' | 'startsAt'>>(items: readonly T[], now: number): { upcoming: T[]; past: T[] } {
  const upcoming: T[] = [];
  const past: T[] = [];
  for (const item of items) {
    if (item.status === 'completed' || (item.status !== 'in_progress' && Date.parse(item.endsAt) <= now)) past.push(item);
    else upcoming.push(item);
  }
  upcoming.sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  past.sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt));
  return { upcoming, past };
}
