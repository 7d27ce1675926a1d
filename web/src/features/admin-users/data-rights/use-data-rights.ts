import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { exportUserData, listUserErasures, requestUserErasure } from '../../../api/data-rights.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';
import { saveBlob } from '../../attendance/reports/csv-file';

/** Downloads the user's data archive; pending while every service is asked and the ZIP streams. */
export function useExportUserData(subjectId: string) {
  return useMutation({
    mutationFn: () => exportUserData(subjectId),
    onSuccess: (blob) => saveBlob(blob, `user-${subjectId}-export.zip`),
  });
}

/** The user's erasure and its status per service; polls while services are still confirming. */
export function useUserErasures(subjectId: string) {
  const viewer = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.adminUsers.erasures(viewer.id, subjectId),
    queryFn: ({ signal }) => listUserErasures(subjectId, signal),
    refetchInterval: (query) => (query.state.data?.items.some((item) => item.status === 'pending') ? 2_000 : false),
  });
}

export function useRequestErasure(subjectId: string) {
  const viewer = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => requestUserErasure(subjectId, reason),
    onSuccess: (erasure) => {
      queryClient.setQueryData(queryKeys.adminUsers.erasures(viewer.id, subjectId), { items: [erasure] });
      void queryClient.invalidateQueries({ queryKey: queryKeys.adminUsers.all(viewer.id) });
    },
  });
}
