import type { Msg } from 'nats';
import { PUSH_BATCH_SUBJECT, PushBatch, PushMessage, type PushMessage as Push } from '../src/contracts/push';
import { publishPush } from '../src/nats/push-publisher';
import { createTestNats, type TestNats } from '../src/testing/test-nats';
import { waitFor } from '../src/testing/assertions';

describe('publishPush', () => {
  let nats: TestNats;
  const received: Msg[] = [];

  beforeAll(async () => {
    nats = await createTestNats();
    // As a gateway listens: every push subject, no queue group.
    nats.nats.subscribe(`${nats.prefix}.push.>`, { callback: (_error, message) => received.push(message) });
    await nats.nats.flush();
  });

  afterAll(async () => {
    await nats?.cleanup();
  });

  beforeEach(() => {
    received.length = 0;
  });

  /** What a gateway relays, in order: the items of a batch, or the single push. */
  function relayed(): Push[] {
    return received.flatMap((message) => {
      const body: unknown = message.json();
      return message.subject.endsWith(`.${PUSH_BATCH_SUBJECT}`) ? PushBatch.parse(body).items.map((item) => PushMessage.parse(item)) : [PushMessage.parse(body)];
    });
  }

  const push = (index: number): Push => ({ room: { kind: 'conversation', id: `c${index % 3}` }, event: 'new_message', data: { index } });

  it('sends a lone push on its room subject', async () => {
    publishPush(nats.nats, nats.prefix, push(1));
    await waitFor(async () => (received.length === 1 ? true : undefined), 2000, 'the push');
    expect(received[0]!.subject).toBe(`${nats.prefix}.push.conversation.c1`);
    expect(relayed()).toEqual([push(1)]);
  });

  it('sends the pushes of one event-loop turn as one message on push.batch, in order', async () => {
    for (let index = 0; index < 40; index += 1) publishPush(nats.nats, nats.prefix, push(index));
    await waitFor(async () => (relayed().length === 40 ? true : undefined), 2000, 'the batch');
    expect(received).toHaveLength(1);
    expect(received[0]!.subject).toBe(`${nats.prefix}.${PUSH_BATCH_SUBJECT}`);
    expect(relayed()).toEqual(Array.from({ length: 40 }, (_, index) => push(index)));
  });

  it('splits a burst over several batches without losing or reordering a push', async () => {
    const big = (index: number): Push => ({ room: { kind: 'session', id: 's1' }, event: 'attendance_record', data: { index, filler: 'x'.repeat(4000) } });
    for (let index = 0; index < 300; index += 1) publishPush(nats.nats, nats.prefix, big(index));
    await waitFor(async () => (relayed().length === 300 ? true : undefined), 5000, 'every push');
    expect(received.length).toBeGreaterThan(1);
    expect(relayed().map((item) => (item.data as { index: number }).index)).toEqual(Array.from({ length: 300 }, (_, index) => index));
  });

  it('keeps pushes of different turns apart', async () => {
    publishPush(nats.nats, nats.prefix, push(7));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    publishPush(nats.nats, nats.prefix, push(8));
    await waitFor(async () => (relayed().length === 2 ? true : undefined), 2000, 'both pushes');
    expect(received.map((message) => message.subject)).toEqual([`${nats.prefix}.push.conversation.c1`, `${nats.prefix}.push.conversation.c2`]);
  });
});
