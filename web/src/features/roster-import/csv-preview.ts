/** Counts data rows (non-blank lines after the header) for the "n rows" hint before upload. */
export function countCsvRows(csv: string): number {
  const lines = csv.split(/\r?\n/).filter((line) => line.trim() !== '');
  return Math.max(lines.length - 1, 0);
}

/** The gateway's JSON body limit is 5 MB; warn a little before it rather than fail on upload. */
export const MAX_CSV_BYTES = 4.5 * 1024 * 1024;

export function csvByteSize(csv: string): number {
  return new Blob([csv]).size;
}
