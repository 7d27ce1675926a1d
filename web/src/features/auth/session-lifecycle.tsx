import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { restoreSession } from '../../api/session-store';
import { setLanguage } from '../../i18n';
import { useSession } from './use-session';

/**
 * Restores the session from the refresh cookie at startup, follows the user's language, and forgets every cached
 * query at sign-out so nothing of one user's data is left in memory for the next person at this browser.
 */
export function SessionLifecycle() {
  const session = useSession();
  const queryClient = useQueryClient();
  const previousUserId = useRef<string | null>(null);

  useEffect(() => restoreSession(), []);

  const userId = session.status === 'authenticated' ? session.user.id : null;
  const locale = session.status === 'authenticated' ? session.user.locale : navigator.language;
  useEffect(() => setLanguage(locale || 'en'), [locale]);

  useEffect(() => {
    if (previousUserId.current && previousUserId.current !== userId) queryClient.clear();
    previousUserId.current = userId;
  }, [userId, queryClient]);

  return null;
}
