export * from './nats-connection';
export * from './push-publisher';
export * from './blob-transfer';
export * from './turn-batches';
