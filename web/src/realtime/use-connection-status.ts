import { useSyncExternalStore } from 'react';
import { realtime } from './realtime';
import type { ConnectionStatus } from './realtime-client';

export function useConnectionStatus(): ConnectionStatus {
  return useSyncExternalStore(realtime.subscribeStatus, realtime.getStatus);
}
