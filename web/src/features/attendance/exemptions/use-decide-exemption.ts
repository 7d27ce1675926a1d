import { useMutation, useQueryClient } from '@tanstack/react-query';
import { decideExemption } from '../../../api/attendance.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

export function useDecideExemption() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ exemptionId, decision, note }: { exemptionId: string; decision: 'approve' | 'reject'; note?: string }) =>
      decideExemption(exemptionId, decision, note),
    // An approval changes a record, the counters and the queue.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.attendance.all(user.id) }),
  });
}
