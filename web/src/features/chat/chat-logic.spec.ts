import type { ChatMessage, ParticipantView } from '@tec/shared/contracts';
import {
  activeMention,
  buildTimeline,
  canEdit,
  filterMentions,
  headlineSegments,
  type HistoryState,
  mentionedIds,
  mentionSegments,
  mergeMessages,
  patchMessage,
  readersOf,
  unreadBadge,
} from './chat-logic';

const ME = '00000000-0000-4000-8000-000000000001';
const YOU = '00000000-0000-4000-8000-000000000002';

function message(seq: number, overrides: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: `m-${seq}`,
    conversationId: 'c-1',
    seq,
    sender: { id: ME, firstName: 'Ana', lastName: 'Ruiz', role: 'student' },
    body: `message ${seq}`,
    mentions: [],
    attachment: null,
    reactions: [],
    isEdited: false,
    editedAt: null,
    deleted: false,
    createdAt: new Date(Date.UTC(2025, 0, 10, 10, seq)).toISOString(),
    clientId: null,
    ...overrides,
  };
}

const empty: HistoryState = { items: [], hasOlder: false, pending: [] };

describe('mergeMessages', () => {
  it('orders by seq and keeps one copy per id, the newest payload winning', () => {
    const state = mergeMessages(mergeMessages(empty, [message(3), message(1)]), [message(2), message(3, { body: 'edited', isEdited: true })]);
    expect(state.items.map((item) => item.seq)).toEqual([1, 2, 3]);
    expect(state.items[2]?.body).toBe('edited');
  });

  it('drops the optimistic copy once its clientId comes back, and keeps the others', () => {
    const pending = [
      { clientId: 'a', body: 'hi', mentions: [], createdAt: '2025-01-10T10:00:00.000Z', status: 'sending' as const },
      { clientId: 'b', body: 'there', mentions: [], createdAt: '2025-01-10T10:00:01.000Z', status: 'failed' as const },
    ];
    const state = mergeMessages({ ...empty, pending }, [message(4, { clientId: 'a' })]);
    expect(state.pending.map((item) => item.clientId)).toEqual(['b']);
    expect(state.items).toHaveLength(1);
  });

  it('returns the same state for nothing new, and patches only loaded messages', () => {
    const state = mergeMessages(empty, [message(1)]);
    expect(mergeMessages(state, [])).toBe(state);
    expect(patchMessage(state, 'unknown', (m) => m)).toBe(state);
    expect(patchMessage(state, 'm-1', (m) => ({ ...m, deleted: true })).items[0]?.deleted).toBe(true);
  });
});

describe('buildTimeline', () => {
  const dayOf = (iso: string) => iso.slice(0, 10);

  it('puts a day separator before each new day and marks runs of one sender', () => {
    const messages = [
      message(1),
      message(2),
      message(3, { sender: { id: YOU, firstName: 'Ben', lastName: 'Ode', role: 'teacher' } }),
      message(4, { createdAt: '2025-01-11T09:00:00.000Z' }),
    ];
    const timeline = buildTimeline(messages, ME, dayOf);
    expect(timeline.map((entry) => entry.type)).toEqual(['day', 'message', 'message', 'message', 'day', 'message']);
    const rows = timeline.filter((entry) => entry.type === 'message');
    expect(rows.map((row) => [row.firstOfRun, row.lastOfRun, row.own])).toEqual([
      [true, false, true],
      [false, true, true],
      [true, true, false],
      [true, true, true],
    ]);
  });

  it('breaks a run after a long pause', () => {
    const timeline = buildTimeline([message(1), message(2, { createdAt: '2025-01-10T11:00:00.000Z' })], ME, dayOf);
    const rows = timeline.filter((entry) => entry.type === 'message');
    expect(rows.every((row) => row.firstOfRun && row.lastOfRun)).toBe(true);
  });
});

describe('headlineSegments', () => {
  it('splits hits from the rest and decodes the escaped text without producing markup', () => {
    expect(headlineSegments('the <mark>quiz</mark> &amp; &lt;b&gt;test&lt;/b&gt;')).toEqual([
      { text: 'the ', mark: false },
      { text: 'quiz', mark: true },
      { text: ' & <b>test</b>', mark: false },
    ]);
    expect(headlineSegments('no hits')).toEqual([{ text: 'no hits', mark: false }]);
  });
});

describe('mentions', () => {
  const people = [
    { id: 'u1', name: 'Ana Ruiz' },
    { id: 'u2', name: 'Ben Ode' },
    { id: 'u3', name: 'Anders Berg' },
  ];

  it('finds the @query before the caret only at the start of a word', () => {
    expect(activeMention('hello @an', 9)).toEqual({ query: 'an', start: 6 });
    expect(activeMention('@', 1)).toEqual({ query: '', start: 0 });
    expect(activeMention('mail@an', 7)).toBeNull();
    expect(activeMention('@ana done', 9)).toBeNull();
  });

  it('filters by any word of the name and keeps only the names still in the text', () => {
    expect(filterMentions(people, 'an').map((person) => person.id)).toEqual(['u1', 'u3']);
    expect(filterMentions(people, 'berg').map((person) => person.id)).toEqual(['u3']);
    expect(mentionedIds('hi @Ana Ruiz and @Ana Ruiz', people)).toEqual(['u1']);
  });

  it('highlights mentions of known names, longest first', () => {
    expect(mentionSegments('see @Ana Ruiz now', ['Ana', 'Ana Ruiz'])).toEqual([
      { text: 'see ', mark: false },
      { text: '@Ana Ruiz', mark: true },
      { text: ' now', mark: false },
    ]);
  });
});

describe('receipts, edit window and badge', () => {
  it('lists the readers of a message from the watermarks, never the sender', () => {
    const participant = (id: string, lastReadSeq: number): ParticipantView => ({
      user: { id, firstName: id, lastName: '', role: 'student' },
      role: 'member',
      joinedAt: '2025-01-01T00:00:00.000Z',
      lastReadSeq,
      lastReadMessageId: null,
      presence: 'offline',
    });
    const readers = readersOf(message(5), [participant(ME, 9), participant(YOU, 5), participant('x', 4)]);
    expect(readers.map((reader) => reader.user.id)).toEqual([YOU]);
  });

  it('allows editing own messages inside the window only', () => {
    const sent = message(1);
    const at = Date.parse(sent.createdAt);
    expect(canEdit(sent, ME, 15, at + 14 * 60_000)).toBe(true);
    expect(canEdit(sent, ME, 15, at + 16 * 60_000)).toBe(false);
    expect(canEdit(sent, YOU, 15, at)).toBe(false);
    expect(canEdit({ ...sent, deleted: true }, ME, 15, at)).toBe(false);
  });

  it('caps the badge', () => {
    expect(unreadBadge(7)).toBe('7');
    expect(unreadBadge(120)).toBe('99+');
  });
});
