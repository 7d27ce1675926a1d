import { useMutation } from '@tanstack/react-query';
import { startRosterImport } from '../../api/imports.api';

export function useStartRosterImport() {
  return useMutation({ mutationFn: (csv: string) => startRosterImport(csv) });
}
