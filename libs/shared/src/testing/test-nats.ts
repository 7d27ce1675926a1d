import { randomBytes } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { deleteEventStream } from '../events/event-stream';
import { testConfig } from './test-config';

export interface TestNats {
  nats: NatsConnection;
  /** Unique per call: every subject, stream and consumer of the run lives under it. */
  prefix: string;
  /** Deletes the prefix's events stream (and so its consumers) and object stores, and closes the connection. */
  cleanup(): Promise<void>;
}

export function uniqueSubjectPrefix(): string {
  return `t${process.pid}${randomBytes(3).toString('hex')}`;
}

export async function createTestNats(): Promise<TestNats> {
  const prefix = uniqueSubjectPrefix();
  const nats = await connect({ servers: testConfig.NATS_URL.split(','), name: `test-${prefix}` });
  return {
    nats,
    prefix,
    cleanup: async () => {
      try {
        await deleteEventStream(nats, prefix);
        // The object stores a test made (BlobTransfer buckets `<prefix>-<purpose>`, streams OBJ_<bucket>).
        const manager = await nats.jetstreamManager();
        const buckets: string[] = [];
        for await (const name of manager.streams.names()) if (name.startsWith(`OBJ_${prefix}-`)) buckets.push(name);
        for (const name of buckets) await manager.streams.delete(name).catch(() => undefined);
      } finally {
        await nats.drain().catch(() => undefined);
      }
    },
  };
}
