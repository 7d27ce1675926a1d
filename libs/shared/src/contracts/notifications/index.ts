// Contracts of the notifications service: DTO schemas, RPC contracts (`notificationsRpc`) and events (`notificationsEvents`).
export * from './email.dto';
export * from './notification.dto';
export * from './notifications.events';
export * from './notifications.rpc';
