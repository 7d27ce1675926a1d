import { BlobTransfer, type NatsConnection } from '@tec/shared';
import type { GatewayConfig } from '../config';

/**
 * One object-store bucket of the platform kit's BlobTransfer (chat-transfers, attendance-transfers), opened on first
 * use and shared by every request; a failed open is retried by the next request instead of being cached.
 */
export function lazyTransferBucket(
  nats: NatsConnection,
  config: Pick<GatewayConfig, 'NATS_SUBJECT_PREFIX' | 'EVENT_STREAM_REPLICAS'>,
  spec: Parameters<typeof BlobTransfer.open>[2],
): () => Promise<BlobTransfer> {
  let bucket: Promise<BlobTransfer> | null = null;
  return () => {
    bucket ??= BlobTransfer.open(nats, config.NATS_SUBJECT_PREFIX, spec, config.EVENT_STREAM_REPLICAS).catch((error: unknown) => {
      bucket = null;
      throw error;
    });
    return bucket;
  };
}
