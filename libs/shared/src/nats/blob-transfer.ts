import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { nanos, StorageType, type JetStreamManager, type NatsConnection, type ObjectStore } from 'nats';
import { DomainError } from '../errors/domain-error';

/**
 * A NATS message carries at most 1 MB (the server's max_payload). Bytes that may be larger (a data export, a chat
 * attachment) travel between processes through a JetStream object store instead: the sender parks them under a
 * fresh name and sends only the name; the receiver takes them (reads, then deletes). The store chunks them (any
 * size), every instance of every process sees the same bucket, and whatever nobody takes expires after the
 * bucket's TTL. One bucket per purpose, named `<NATS_SUBJECT_PREFIX>-<purpose>` so test runs stay apart; its
 * stream is `OBJ_<bucket>` (see docs/operations.md, "NATS object stores").
 */
export interface BlobBucket {
  /** What the bucket carries (`data-exports`, `chat-transfers`); the bucket's name without the subject prefix. */
  readonly purpose: string;
  /** Entries not taken by then are deleted by JetStream. */
  readonly ttlMs: number;
}

export interface ParkedBlob {
  name: string;
  bytes: number;
}

export interface SizeLimit {
  maxBytes: number;
  /** The error for bytes over the limit; PAYLOAD_TOO_LARGE (413) by default. */
  tooLarge?: (maxBytes: number) => Error;
}

export function blobBucketName(prefix: string, purpose: string): string {
  return prefix ? `${prefix}-${purpose}` : purpose;
}

const defaultTooLarge = (maxBytes: number) =>
  new DomainError('PAYLOAD_TOO_LARGE', `The content can be at most ${Math.floor(maxBytes / 1024)} KB`, { maxBytes });

export class BlobTransfer {
  private constructor(
    private readonly store: ObjectStore,
    private readonly manager: JetStreamManager,
    readonly bucket: string,
  ) {}

  /**
   * Binds to the bucket, creating it when it is missing (file storage, the spec's TTL, `replicas` copies: the
   * deployment's EVENT_STREAM_REPLICAS). Every process that uses a bucket opens it with the same spec.
   */
  static async open(nats: NatsConnection, prefix: string, spec: BlobBucket, replicas = 1): Promise<BlobTransfer> {
    const bucket = blobBucketName(prefix, spec.purpose);
    const store = await nats.jetstream().views.os(bucket, { ttl: nanos(spec.ttlMs), storage: StorageType.File, replicas });
    return new BlobTransfer(store, await nats.jetstreamManager(), bucket);
  }

  /**
   * Parks bytes under a new name (`<label>-<uuid>`). A stream is read once, as the store writes it (never held
   * whole in memory); with a `limit`, the first chunk past it fails the park with the limit's error, and the chunks
   * already written are removed.
   */
  async park(source: Uint8Array | AsyncIterable<Uint8Array>, label: string, limit?: SizeLimit): Promise<ParkedBlob> {
    const name = `${label}-${randomUUID()}`;
    const tooLarge = limit ? (limit.tooLarge ?? defaultTooLarge)(limit.maxBytes) : null;
    if (source instanceof Uint8Array) {
      if (limit && source.byteLength > limit.maxBytes) throw tooLarge;
      const info = await this.store.putBlob({ name }, source);
      return { name, bytes: info.size };
    }
    let bytes = 0;
    const iterator = source[Symbol.asyncIterator]();
    const counted = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await iterator.next();
        if (next.done) return controller.close();
        bytes += next.value.byteLength;
        if (limit && bytes > limit.maxBytes) {
          controller.error(tooLarge);
          await iterator.return?.();
          return;
        }
        controller.enqueue(next.value);
      },
      async cancel() {
        await iterator.return?.();
      },
    });
    try {
      const info = await this.store.put({ name }, counted);
      return { name, bytes: info.size };
    } catch (error) {
      // The store removes the chunks of a failed put; no entry was written, so this only guards a half-written one.
      await this.remove(name);
      throw error;
    }
  }

  /** The bytes, removed from the store; null when the name is unknown or expired. Over `limit`: removed, then refused. */
  async take(name: string, limit?: SizeLimit): Promise<Buffer | null> {
    try {
      const info = await this.store.info(name);
      if (!info || info.deleted) return null;
      if (limit && info.size > limit.maxBytes) throw (limit.tooLarge ?? defaultTooLarge)(limit.maxBytes);
      const blob = await this.store.getBlob(name);
      return blob ? Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength) : null;
    } finally {
      await this.remove(name);
    }
  }

  /**
   * The bytes as a Node stream, for piping to an HTTP response without holding them; the entry is removed once the
   * stream ends, fails or is destroyed (a client that went away). Null when the name is unknown or expired.
   */
  async takeStream(name: string): Promise<{ stream: Readable; bytes: number } | null> {
    const result = await this.store.get(name).catch(async (error: unknown) => {
      await this.remove(name);
      throw error;
    });
    if (!result) return null;
    // The store reports a digest mismatch through both `error` and the stream; the stream's error is the one we use.
    result.error.catch(() => undefined);
    const stream = Readable.from(readChunks(result.data), { objectMode: false });
    stream.once('close', () => void this.remove(name));
    return { stream, bytes: result.info.size };
  }

  async exists(name: string): Promise<boolean> {
    const info = await this.store.info(name);
    return Boolean(info && !info.deleted);
  }

  /**
   * Removes an entry; a missing one is fine (it may have expired or been taken). The store's delete drops the
   * chunks and leaves a "deleted" marker; the marker goes too, so a taken entry leaves nothing behind.
   */
  async remove(name: string): Promise<void> {
    await this.store.delete(name).catch(() => undefined);
    // The object store layout (NATS ADR-20): metadata on `$O.<bucket>.M.<base64url(name), padded>`.
    const metaSubject = `$O.${this.bucket}.M.${Buffer.from(name).toString('base64').replace(/\+/g, '-').replace(/\//g, '_')}`;
    await this.manager.streams.purge(`OBJ_${this.bucket}`, { filter: metaSubject }).catch(() => undefined);
  }

  /** Entries and bytes in the bucket (its stream): what operators and tests look at. */
  async usage(): Promise<{ messages: number; bytes: number }> {
    const { state } = await this.manager.streams.info(`OBJ_${this.bucket}`);
    return { messages: state.messages, bytes: state.bytes };
  }
}

async function* readChunks(data: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = data.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value.byteLength > 0) yield value;
    }
  } finally {
    // A consumer that stopped early (a destroyed response) ends the store's subscription too.
    await reader.cancel().catch(() => undefined);
  }
}
