import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type DigestSettings, getDigestSettings, updateDigestSettings } from '../../../api/parent-portal.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

export function useDigestSettings() {
  const user = useCurrentUser();
  return useQuery({ queryKey: queryKeys.parentPortal.digestSettings(user.id), queryFn: ({ signal }) => getDigestSettings(signal) });
}

export function useUpdateDigestSettings() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: DigestSettings) => updateDigestSettings(settings),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.parentPortal.digestSettings(user.id), saved),
  });
}
