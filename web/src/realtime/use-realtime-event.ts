import { useEffect, useRef } from 'react';
import { realtime } from './realtime';
import type { ClientEventHandler, ClientEventName } from './realtime-client';

/** Subscribes a component to one server event for as long as it is mounted; the latest handler always runs. */
export function useRealtimeEvent<E extends ClientEventName>(event: E, handler: ClientEventHandler<E>): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => realtime.on(event, (payload) => latest.current(payload)), [event]);
}
