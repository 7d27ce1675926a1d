import { useQuery } from '@tanstack/react-query';
import { getPreferences } from '../../api/notifications.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export function usePreferences() {
  const user = useCurrentUser();
  return useQuery({ queryKey: queryKeys.notifications.preferences(user.id), queryFn: ({ signal }) => getPreferences(signal) });
}
