/** Counts data rows (non-blank lines after the header) for the "n rows" hint before upload. */
export function countCsvRows(csv: string): number {
  const lines = csv.split(/\r?\n/).filter((line) => line.trim() !== '');
  return Math.max(lines.length - 1, 0);
}

import { ROSTER_CSV_MAX_BYTES } from '@tec/shared/contracts';

/** Core takes one import per NATS message; check the size here rather than fail after the upload. */
export const MAX_CSV_BYTES = ROSTER_CSV_MAX_BYTES;

export function csvByteSize(csv: string): number {
  return new Blob([csv]).size;
}
