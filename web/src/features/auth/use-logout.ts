import { useMutation } from '@tanstack/react-query';
import { signOut } from '../../api/session-store';

export function useLogout() {
  return useMutation({ mutationFn: signOut });
}
