import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type AlertSettings, getAlertSettings, updateAlertSettings } from '../../../api/parent-portal.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

export function useAlertSettings(studentId: string | undefined) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.parentPortal.alertSettings(user.id, studentId ?? ''),
    queryFn: ({ signal }) => getAlertSettings(studentId!, signal),
    enabled: Boolean(studentId),
  });
}

export function useUpdateAlertSettings(studentId: string) {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: AlertSettings) => updateAlertSettings(studentId, settings),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.parentPortal.alertSettings(user.id, studentId), saved),
  });
}
