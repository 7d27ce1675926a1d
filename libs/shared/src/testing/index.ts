export * from './boot-test-service';
export * from './test-config';
export * from './test-database';
export * from './test-nats';
export * from './core-event-factory';
export * from './assertions';
export * from './data-rights';
