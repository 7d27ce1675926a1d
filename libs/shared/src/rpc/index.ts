export * from './rpc-client';
export * from './rpc-route.decorator';
export * from './rpc-server';
export * from './rpc-wire';
