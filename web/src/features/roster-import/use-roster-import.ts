import { useQuery } from '@tanstack/react-query';
import { getImport } from '../../api/imports.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

const POLL_MS = 1_000;

/** Polls while the import runs and stops by itself once it has finished. */
export function useRosterImport(importId: string | null) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.imports.detail(user.id, importId ?? ''),
    queryFn: ({ signal }) => getImport(importId ?? '', signal),
    enabled: importId !== null,
    refetchInterval: (query) => (query.state.data?.status === 'running' || !query.state.data ? POLL_MS : false),
    // A background tab still finishes the import server-side; polling there only costs requests.
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
}
