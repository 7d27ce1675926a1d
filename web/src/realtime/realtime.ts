import { getAccessToken, refreshSession } from '../api/session-store';
import { RealtimeClient } from './realtime-client';

type ResyncListener = () => void;
const resyncListeners = new Set<ResyncListener>();

/** The tab's one socket, wired to the in-memory session. */
export const realtime = new RealtimeClient({
  getAccessToken,
  refreshAccessToken: async () => {
    await refreshSession();
  },
  onResync: () => {
    for (const listener of resyncListeners) listener();
  },
});

export function onResync(listener: ResyncListener): () => void {
  resyncListeners.add(listener);
  return () => resyncListeners.delete(listener);
}
