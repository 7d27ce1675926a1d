import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { createTestNats, type TestNats } from '../testing/test-nats';
import { BlobTransfer, blobBucketName } from './blob-transfer';

// Against the real NATS JetStream: the object store is the thing under test.
describe('BlobTransfer (JetStream object store)', () => {
  let nats: TestNats;
  let transfers: BlobTransfer;
  const bucket = { purpose: 'blob-tests', ttlMs: 60_000 };

  beforeAll(async () => {
    nats = await createTestNats();
    transfers = await BlobTransfer.open(nats.nats, nats.prefix, bucket);
  });

  afterAll(async () => {
    await nats?.cleanup();
  });

  /** A stream of `total` random bytes in 64 KB pieces, and the bytes it yields. */
  function source(total: number): { stream: Readable; bytes: Buffer } {
    const bytes = randomBytes(total);
    const pieces: Buffer[] = [];
    for (let offset = 0; offset < total; offset += 64 * 1024) pieces.push(bytes.subarray(offset, offset + 64 * 1024));
    return { stream: Readable.from(pieces), bytes };
  }

  it('names the bucket per prefix and purpose', () => {
    expect(blobBucketName('', 'data-exports')).toBe('data-exports');
    expect(blobBucketName('t1', 'chat-transfers')).toBe('t1-chat-transfers');
    expect(transfers.bucket).toBe(`${nats.prefix}-blob-tests`);
  });

  it('parks a stream larger than a NATS message and takes it back whole, leaving nothing behind', async () => {
    const { stream, bytes } = source(3 * 1024 * 1024 + 17);
    const parked = await transfers.park(stream, 'big');
    expect(parked).toEqual({ name: expect.stringMatching(/^big-[0-9a-f-]{36}$/), bytes: bytes.length });
    expect(await transfers.exists(parked.name)).toBe(true);
    const taken = await transfers.take(parked.name);
    expect(taken?.equals(bytes)).toBe(true);
    expect(await transfers.exists(parked.name)).toBe(false);
    expect(await transfers.take(parked.name)).toBeNull();
    expect(await transfers.usage()).toEqual({ messages: 0, bytes: 0 });
  });

  it('refuses a stream over the limit while reading it, and keeps none of its chunks', async () => {
    const { stream } = source(2 * 1024 * 1024);
    const error = await transfers.park(stream, 'too-big', { maxBytes: 1024 * 1024 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: 1024 * 1024 } });
    // The source was not read to its end: the refusal came at the first chunk past the limit.
    expect(stream.readableEnded).toBe(false);
    expect(await transfers.usage()).toEqual({ messages: 0, bytes: 0 });
    const small = await transfers.park(Buffer.from('fits'), 'small', { maxBytes: 4, tooLarge: () => new Error('custom') });
    expect((await transfers.take(small.name))?.toString()).toBe('fits');
    await expect(transfers.park(Buffer.from('fits not'), 'small', { maxBytes: 4, tooLarge: () => new Error('custom') })).rejects.toThrow('custom');
  });

  it('take with a limit refuses a larger entry without reading it, and removes it', async () => {
    const parked = await transfers.park(randomBytes(300_000), 'limited');
    await expect(transfers.take(parked.name, { maxBytes: 100_000 })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(await transfers.exists(parked.name)).toBe(false);
  });

  it('streams an entry out and removes it once read, or once the reader goes away', async () => {
    const { stream, bytes } = source(2 * 1024 * 1024);
    const parked = await transfers.park(stream, 'out');
    const taken = await transfers.takeStream(parked.name);
    expect(taken?.bytes).toBe(bytes.length);
    const chunks: Buffer[] = [];
    for await (const chunk of taken!.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    await waitUntil(async () => !(await transfers.exists(parked.name)));

    const abandoned = await transfers.park(source(1024 * 1024).stream, 'abandoned');
    const reading = await transfers.takeStream(abandoned.name);
    reading!.stream.destroy();
    await waitUntil(async () => !(await transfers.exists(abandoned.name)));
    expect(await transfers.takeStream(abandoned.name)).toBeNull();
    await waitUntil(async () => (await transfers.usage()).messages === 0);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
