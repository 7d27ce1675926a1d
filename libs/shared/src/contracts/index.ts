// Everything that crosses a process: DTO schemas, RPC and event contracts, error codes, socket events.
// Pure (zod only): the web app imports this too.
export * from './auth-context';
export * from './data-rights';
export * from './dead-letters';
export * from './error-codes';
export * from './event-contract';
export * from './push';
export * from './room-access';
export * from './roles';
export * from './rpc-contract';
export * from './webhooks';
export * from './core';
export * from './attendance';
export * from './notifications';
export * from './chat';
export * from './parent-portal';
export * from './live-classes';
export * from './health';
export * from './event-catalog';
