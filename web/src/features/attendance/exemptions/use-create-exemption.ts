import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createExemption, type ExemptionCreate } from '../../../api/attendance.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

export function useCreateExemption() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, ...body }: Omit<ExemptionCreate, 'evidence'> & { file?: { fileName: string; blob: Blob } }) => createExemption(body, file),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...queryKeys.attendance.all(user.id), 'exemptions'] }),
  });
}
