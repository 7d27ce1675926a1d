import { useMutation } from '@tanstack/react-query';
import { checkIn, type CheckInInput } from '../../../api/attendance.api';

export function useCheckIn() {
  return useMutation({ mutationFn: (body: CheckInInput) => checkIn(body) });
}
