import { randomUUID } from 'node:crypto';
import { nanos, StorageType, type NatsConnection, type ObjectStore } from 'nats';
import { DataExport } from '../contracts/data-rights';
import { DomainError } from '../errors/domain-error';

/**
 * A NATS message carries at most 1 MB (the server's max_payload), and one person's chat history or email log can
 * be larger. Exports above EXPORT_INLINE_LIMIT travel through a JetStream object store instead (chunked, any size,
 * shared by every instance): the service puts the JSON there and answers with its name; the gateway reads it and
 * deletes it. Entries not collected expire after an hour.
 */
export const EXPORT_INLINE_LIMIT = 512 * 1024;
const EXPORT_TTL_MS = 60 * 60 * 1000;

export function exportBucketName(prefix: string): string {
  return prefix ? `${prefix}-data-exports` : 'data-exports';
}

export async function exportStore(nats: NatsConnection, prefix: string, replicas = 1): Promise<ObjectStore> {
  return nats.jetstream().views.os(exportBucketName(prefix), { ttl: nanos(EXPORT_TTL_MS), storage: StorageType.File, replicas });
}

/** The export as the RPC answers it: inline when small, else parked in the object store. */
export async function packDataExport(result: DataExport, nats: NatsConnection, prefix: string, replicas = 1): Promise<DataExport> {
  const json = Buffer.from(JSON.stringify(result));
  if (json.byteLength <= EXPORT_INLINE_LIMIT) return result;
  const name = `${result.service}-${randomUUID()}`;
  await (await exportStore(nats, prefix, replicas)).putBlob({ name }, json);
  return { service: result.service, generatedAt: result.generatedAt, sections: {}, stored: { name, bytes: json.byteLength } };
}

/** The full export, fetched from the object store (and removed from it) when the service parked it there. */
export async function unpackDataExport(reply: DataExport, nats: NatsConnection, prefix: string): Promise<DataExport> {
  if (!reply.stored) return reply;
  const store = await exportStore(nats, prefix);
  const blob = await store.getBlob(reply.stored.name);
  if (!blob) throw new DomainError('SERVICE_UNAVAILABLE', `The ${reply.service} export expired before it was collected; try again`);
  await store.delete(reply.stored.name).catch(() => undefined);
  return DataExport.parse(JSON.parse(Buffer.from(blob).toString('utf8')));
}
