import { useQuery } from '@tanstack/react-query';
import { getTemplate } from '../../api/email.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export function useEmailTemplate(name: string) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.email.template(user.id, name),
    queryFn: ({ signal }) => getTemplate(name, signal),
    // The editor holds a draft against this version: a background refetch must not swap it under the admin.
    refetchOnWindowFocus: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
