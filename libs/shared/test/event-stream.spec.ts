import { AckPolicy, nanos, StorageType } from 'nats';
import { ensureDurableConsumer } from '../src/events/event-consumer-config';
import { ensureEventStream, eventStreamName } from '../src/events/event-stream';
import { createTestNats, type TestNats } from '../src/testing/test-nats';

describe('the events stream and durable consumers', () => {
  let testNats: TestNats;

  beforeAll(async () => {
    testNats = await createTestNats();
  });

  afterAll(async () => {
    await testNats?.cleanup();
  });

  it('creates one stream per prefix, idempotently, even when several processes race', async () => {
    const names = await Promise.all([1, 2, 3, 4].map(() => ensureEventStream(testNats.nats, testNats.prefix)));
    expect(new Set(names)).toEqual(new Set([eventStreamName(testNats.prefix)]));
    expect(names[0]).toBe(`${testNats.prefix.toUpperCase()}_EVENTS`);
    await ensureEventStream(testNats.nats, testNats.prefix);

    const info = await (await testNats.nats.jetstreamManager()).streams.info(names[0]!);
    expect(info.config.subjects).toEqual(expect.arrayContaining([`${testNats.prefix}.core.v1.>`, `${testNats.prefix}.core.v2.>`, `${testNats.prefix}.parent_portal.v1.>`]));
    expect(info.config.storage).toBe(StorageType.File);
    expect(info.config.duplicate_window).toBe(nanos(2 * 60 * 1000));
    expect(info.config.max_age).toBe(nanos(30 * 24 * 60 * 60 * 1000));
  });

  it('creates a durable pull consumer with a finite MaxDeliver and a backoff, and updates it in place', async () => {
    const stream = await ensureEventStream(testNats.nats, testNats.prefix);
    const jsm = await testNats.nats.jetstreamManager();
    const spec = { name: 'core-grades', subject: 'core.v1.grade_recorded', subjectPrefix: testNats.prefix, maxDeliver: 5, ackWaitMs: 30_000, retryMaxMs: 60_000 };
    await Promise.all([ensureDurableConsumer(jsm, stream, spec), ensureDurableConsumer(jsm, stream, spec)]);

    const created = await jsm.consumers.info(stream, 'core-grades');
    expect(created.config).toMatchObject({
      durable_name: 'core-grades',
      filter_subject: `${testNats.prefix}.core.v1.grade_recorded`,
      ack_policy: AckPolicy.Explicit,
      max_deliver: 5,
      ack_wait: nanos(30_000),
    });
    expect(created.config.backoff).toEqual([30_000, 60_000, 60_000, 60_000].map((ms) => nanos(ms)));

    await ensureDurableConsumer(jsm, stream, { ...spec, maxDeliver: 8 });
    const updated = await jsm.consumers.info(stream, 'core-grades');
    expect(updated.config.max_deliver).toBe(8);
    expect(updated.config.backoff).toHaveLength(7);
  });

  it('removes the prefix stream and its consumers on cleanup', async () => {
    const other = await createTestNats();
    const stream = await ensureEventStream(other.nats, other.prefix);
    await other.cleanup();
    const jsm = await testNats.nats.jetstreamManager();
    await expect(jsm.streams.info(stream)).rejects.toThrow(/stream not found/);
  });
});

describe('a stream whose subjects another stream already holds', () => {
  it('fails with an explanation of the prefix rule', async () => {
    const outer = await createTestNats();
    const jsm = await outer.nats.jetstreamManager();
    // Some other stream already takes this prefix's core events.
    await jsm.streams.add({ name: `${outer.prefix.toUpperCase()}_SQUATTER`, subjects: [`${outer.prefix}.core.>`] });
    try {
      await expect(ensureEventStream(outer.nats, outer.prefix)).rejects.toThrow(/NATS_SUBJECT_PREFIX/);
    } finally {
      await jsm.streams.delete(`${outer.prefix.toUpperCase()}_SQUATTER`);
      await outer.cleanup();
    }
  });
});
