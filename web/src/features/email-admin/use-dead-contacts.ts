import { useQuery } from '@tanstack/react-query';
import { listDeadContacts } from '../../api/email.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export function useDeadContacts() {
  const user = useCurrentUser();
  return useQuery({ queryKey: queryKeys.email.deadContacts(user.id), queryFn: ({ signal }) => listDeadContacts(signal) });
}
