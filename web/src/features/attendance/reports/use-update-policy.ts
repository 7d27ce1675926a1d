import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type PolicyUpdate, updatePolicy } from '../../../api/attendance.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

export function useUpdatePolicy(courseId: string) {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PolicyUpdate) => updatePolicy(courseId, body),
    onSuccess: (policy) => {
      queryClient.setQueryData(queryKeys.attendance.policy(user.id, courseId), policy);
      void queryClient.invalidateQueries({ queryKey: queryKeys.attendance.statistics(user.id, courseId) });
    },
  });
}
