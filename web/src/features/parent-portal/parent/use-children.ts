import { useQuery } from '@tanstack/react-query';
import { listChildren } from '../../../api/parent-portal.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

/** The parent's actively linked children, one summary each. */
export function useChildren() {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.parentPortal.children(user.id),
    queryFn: ({ signal }) => listChildren(signal),
    select: (list) => list.items,
  });
}
