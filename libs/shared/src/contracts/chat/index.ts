// Contracts of the chat service: DTOs, RPC contracts (`chatRpc`), events (`chatEvents`) and socket events.
export * from './chat.dto';
export * from './chat.events';
export * from './chat.rpc';
export * from './chat.socket';
