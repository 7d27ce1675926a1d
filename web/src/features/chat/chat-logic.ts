// Pure chat logic (no React): merging history pages, live events and optimistic copies; day separators and
// sender runs; search headlines; mentions; read receipts; the edit window. Tested in chat-logic.spec.ts.
import type { ChatMessage, ParticipantView } from '@tec/shared/contracts';

/** A message typed here but not yet confirmed by the server. */
export interface PendingMessage {
  clientId: string;
  body: string;
  mentions: string[];
  attachmentId?: string;
  attachmentName?: string;
  createdAt: string;
  status: 'sending' | 'failed';
}

/** The cached state of one open conversation's history. */
export interface HistoryState {
  items: ChatMessage[];
  /** There are older messages than `items[0]` on the server. */
  hasOlder: boolean;
  pending: PendingMessage[];
}

/**
 * Merges messages into a history: one copy per id (the newer payload wins: an edit, a deletion, reactions), ordered
 * by `seq`, and any optimistic copy whose clientId came back is dropped from `pending`.
 */
export function mergeMessages(state: HistoryState, incoming: readonly ChatMessage[]): HistoryState {
  if (incoming.length === 0) return state;
  const byId = new Map(state.items.map((message) => [message.id, message]));
  for (const message of incoming) byId.set(message.id, message);
  const items = [...byId.values()].sort((a, b) => a.seq - b.seq);
  const confirmed = new Set(incoming.map((message) => message.clientId).filter((id): id is string => id !== null));
  const pending = confirmed.size ? state.pending.filter((item) => !confirmed.has(item.clientId)) : state.pending;
  return { ...state, items, pending };
}

/** Applies a change to one message if it is loaded (deletion, reactions). */
export function patchMessage(state: HistoryState, messageId: string, patch: (message: ChatMessage) => ChatMessage): HistoryState {
  let changed = false;
  const items = state.items.map((message) => {
    if (message.id !== messageId) return message;
    changed = true;
    return patch(message);
  });
  return changed ? { ...state, items } : state;
}

/** The newest confirmed message: the cursor for `after=` when catching up after a reconnect. */
export function lastConfirmed(state: HistoryState | undefined): ChatMessage | undefined {
  return state?.items[state.items.length - 1];
}

export type TimelineEntry =
  | { type: 'day'; key: string; day: string; date: string }
  | { type: 'message'; key: string; message: ChatMessage; own: boolean; firstOfRun: boolean; lastOfRun: boolean };

/** Messages of one sender within this long of each other form a run: one name, one avatar. */
export const RUN_GAP_MS = 5 * 60_000;

/**
 * The timeline: a day separator before the first message of each day (in the user's zone, via `dayOf`), and each
 * message marked with whether it starts or ends a run of the same sender.
 */
export function buildTimeline(messages: readonly ChatMessage[], meId: string, dayOf: (iso: string) => string): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  let previousDay = '';
  messages.forEach((message, index) => {
    const day = dayOf(message.createdAt);
    if (day !== previousDay) {
      entries.push({ type: 'day', key: `day-${day}`, day, date: message.createdAt });
      previousDay = day;
    }
    const before = messages[index - 1];
    const after = messages[index + 1];
    const joins = (a: ChatMessage | undefined, b: ChatMessage | undefined) =>
      a !== undefined &&
      b !== undefined &&
      a.sender.id === b.sender.id &&
      dayOf(a.createdAt) === dayOf(b.createdAt) &&
      Math.abs(Date.parse(b.createdAt) - Date.parse(a.createdAt)) <= RUN_GAP_MS;
    entries.push({
      type: 'message',
      key: message.id,
      message,
      own: message.sender.id === meId,
      firstOfRun: !joins(before, message),
      lastOfRun: !joins(message, after),
    });
  });
  return entries;
}

export interface TextSegment {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&#34;': '"' };

function decode(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39|#x27|#34);/g, (entity) => ENTITIES[entity] ?? entity);
}

/**
 * The search headline (`<mark>` around hits, the rest HTML-escaped) as text segments, so React renders it without
 * `dangerouslySetInnerHTML`: no markup from a message can ever reach the page.
 */
export function headlineSegments(headline: string): TextSegment[] {
  const segments: TextSegment[] = [];
  const pattern = /<mark>([\s\S]*?)<\/mark>/g;
  let index = 0;
  for (const match of headline.matchAll(pattern)) {
    if (match.index > index) segments.push({ text: decode(headline.slice(index, match.index)), mark: false });
    segments.push({ text: decode(match[1] ?? ''), mark: true });
    index = match.index + match[0].length;
  }
  if (index < headline.length) segments.push({ text: decode(headline.slice(index)), mark: false });
  return segments;
}

export interface MentionCandidate {
  id: string;
  name: string;
}

/** The `@query` being typed right before the caret, or null (an `@` must start a word). */
export function activeMention(text: string, caret: number): { query: string; start: number } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([\p{L}\p{N}'-]{0,30})$/u.exec(before);
  if (!match) return null;
  return { query: match[2] ?? '', start: caret - (match[2]?.length ?? 0) - 1 };
}

/** Candidates whose name starts (any word) with the query, at most `limit`. */
export function filterMentions(candidates: readonly MentionCandidate[], query: string, limit = 6): MentionCandidate[] {
  const q = query.toLocaleLowerCase();
  return candidates.filter((candidate) => !q || candidate.name.toLocaleLowerCase().split(/\s+/).some((word) => word.startsWith(q))).slice(0, limit);
}

/** The people still mentioned (`@Full Name`) in the text as sent. */
export function mentionedIds(text: string, chosen: readonly MentionCandidate[]): string[] {
  return [...new Set(chosen.filter((candidate) => text.includes(`@${candidate.name}`)).map((candidate) => candidate.id))];
}

/** Splits a body into plain text and `@Name` mentions of known people (for highlighting). */
export function mentionSegments(body: string, names: readonly string[]): TextSegment[] {
  const sorted = [...new Set(names)].filter(Boolean).sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return [{ text: body, mark: false }];
  const escaped = sorted.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`@(?:${escaped.join('|')})`, 'g');
  const segments: TextSegment[] = [];
  let index = 0;
  for (const match of body.matchAll(pattern)) {
    if (match.index > index) segments.push({ text: body.slice(index, match.index), mark: false });
    segments.push({ text: match[0], mark: true });
    index = match.index + match[0].length;
  }
  if (index < body.length) segments.push({ text: body.slice(index), mark: false });
  return segments;
}

/** Who (other than the sender) has read a message, from the participants' read watermarks. */
export function readersOf(message: ChatMessage, participants: readonly ParticipantView[]): ParticipantView[] {
  return participants.filter((participant) => participant.user.id !== message.sender.id && participant.lastReadSeq >= message.seq);
}

/** The sender may still edit: not deleted, and within the school's window. */
export function canEdit(message: ChatMessage, meId: string, editWindowMinutes: number, now: number): boolean {
  return message.sender.id === meId && !message.deleted && now - Date.parse(message.createdAt) < editWindowMinutes * 60_000;
}

/** The nav badge: "99+" past 99. */
export function unreadBadge(count: number): string {
  return count > 99 ? '99+' : String(count);
}

/** Human file size. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 102.4) / 10} KB`;
  return `${Math.round(bytes / (1024 * 102.4)) / 10} MB`;
}

/** A client id for an optimistic message (the server's idempotency key for a resend). */
export function newClientId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
