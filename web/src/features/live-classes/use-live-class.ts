import { useQuery } from '@tanstack/react-query';
import { getLiveClass } from '../../api/live-classes.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export function useLiveClass(classId: string) {
  const user = useCurrentUser();
  return useQuery({ queryKey: queryKeys.liveClasses.detail(user.id, classId), queryFn: ({ signal }) => getLiveClass(classId, signal) });
}
