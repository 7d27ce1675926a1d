import { useSyncExternalStore } from 'react';
import { getSessionState, type SessionState, subscribeSession } from '../../api/session-store';
import type { UserProfile } from '../../api/types';

export function useSession(): SessionState {
  return useSyncExternalStore(subscribeSession, getSessionState);
}

/** The signed-in user. Only for components under the protected shell, which renders nothing without a session. */
export function useCurrentUser(): UserProfile {
  const session = useSession();
  if (session.status !== 'authenticated') throw new Error('useCurrentUser outside an authenticated route');
  return session.user;
}
