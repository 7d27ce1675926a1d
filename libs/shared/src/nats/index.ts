export * from './nats-connection';
export * from './push-publisher';
