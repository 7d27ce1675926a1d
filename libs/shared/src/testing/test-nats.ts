import { randomBytes } from 'node:crypto';
import { exportBucketName } from '../data-rights/export-store';
import { connect, type NatsConnection } from 'nats';
import { deleteEventStream } from '../events/event-stream';
import { testConfig } from './test-config';

export interface TestNats {
  nats: NatsConnection;
  /** Unique per call: every subject, stream and consumer of the run lives under it. */
  prefix: string;
  /** Deletes the prefix's events stream (and so its consumers) and closes the connection. */
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
        // The data-exports object store, if a test made one (its stream is OBJ_<bucket>).
        await (await nats.jetstreamManager()).streams.delete(`OBJ_${exportBucketName(prefix)}`).catch(() => undefined);
      } finally {
        await nats.drain().catch(() => undefined);
      }
    },
  };
}
