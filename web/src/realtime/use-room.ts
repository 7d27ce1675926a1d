import type { ErrorBody, PushRoomKind } from '@tec/shared/contracts';
import { useEffect, useState } from 'react';
import { onResync, realtime } from './realtime';

export type RoomState = { status: 'joining' } | { status: 'joined' } | { status: 'refused'; error: ErrorBody };

/**
 * Holds a socket room (`session:<id>`…) while the component is mounted: joined now, and again after every reconnect.
 * `onRejoin` runs after a reconnect, so the page can refetch whatever was pushed while it wasn't listening.
 */
export function useRoom(kind: PushRoomKind, id: string | undefined, onRejoin?: () => void): RoomState {
  const [state, setState] = useState<RoomState>({ status: 'joining' });
  useEffect(() => {
    if (!id) return;
    setState({ status: 'joining' });
    const leave = realtime.joinRoom(kind, id, (ack) => setState(ack.ok ? { status: 'joined' } : { status: 'refused', error: ack.error }));
    return leave;
  }, [kind, id]);
  useEffect(() => {
    if (!onRejoin) return;
    return onResync(onRejoin);
  }, [onRejoin]);
  return state;
}
