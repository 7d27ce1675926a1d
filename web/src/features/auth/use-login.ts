import { useMutation } from '@tanstack/react-query';
import { signIn } from '../../api/session-store';

export interface LoginInput {
  email: string;
  password: string;
}

export function useLogin() {
  return useMutation({ mutationFn: ({ email, password }: LoginInput) => signIn(email, password) });
}
