import { DataExport } from '../contracts/data-rights';
import { DomainError } from '../errors/domain-error';
import { blobBucketName, BlobTransfer, type BlobBucket } from '../nats/blob-transfer';
import type { NatsConnection } from '../nats/nats-connection';

/**
 * A NATS message carries at most 1 MB (the server's max_payload), and one person's chat history or email log can
 * be larger. Exports above EXPORT_INLINE_LIMIT travel through the `data-exports` object store instead (a
 * BlobTransfer: chunked, any size, shared by every instance): the service parks the JSON there and answers with its
 * name; the gateway takes it (reads and deletes). Entries not collected expire after an hour.
 */
export const EXPORT_INLINE_LIMIT = 512 * 1024;
export const DATA_EXPORTS_BUCKET: BlobBucket = { purpose: 'data-exports', ttlMs: 60 * 60 * 1000 };

export function exportBucketName(prefix: string): string {
  return blobBucketName(prefix, DATA_EXPORTS_BUCKET.purpose);
}

export function exportStore(nats: NatsConnection, prefix: string, replicas = 1): Promise<BlobTransfer> {
  return BlobTransfer.open(nats, prefix, DATA_EXPORTS_BUCKET, replicas);
}

/** The export as the RPC answers it: inline when small, else parked in the object store. */
export async function packDataExport(result: DataExport, nats: NatsConnection, prefix: string, replicas = 1): Promise<DataExport> {
  const json = Buffer.from(JSON.stringify(result));
  if (json.byteLength <= EXPORT_INLINE_LIMIT) return result;
  const parked = await (await exportStore(nats, prefix, replicas)).park(json, result.service);
  return { service: result.service, generatedAt: result.generatedAt, sections: {}, stored: parked };
}

/** The full export, taken from the object store (read and removed) when the service parked it there. */
export async function unpackDataExport(reply: DataExport, nats: NatsConnection, prefix: string): Promise<DataExport> {
  if (!reply.stored) return reply;
  const json = await (await exportStore(nats, prefix)).take(reply.stored.name);
  if (!json) throw new DomainError('SERVICE_UNAVAILABLE', `The ${reply.service} export expired before it was collected; try again`);
  return DataExport.parse(JSON.parse(json.toString('utf8')));
}
