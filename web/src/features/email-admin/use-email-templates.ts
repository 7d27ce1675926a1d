import { useQuery } from '@tanstack/react-query';
import { listTemplates } from '../../api/email.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export function useEmailTemplates() {
  const user = useCurrentUser();
  return useQuery({ queryKey: queryKeys.email.templates(user.id), queryFn: ({ signal }) => listTemplates(signal) });
}
