/** The file name for a downloaded report: the server's Content-Disposition when given, else built from the query. */
export function reportFileName(query: { type: string; courseCode?: string; from?: string; to?: string; date?: string }): string {
  const parts = ['attendance', query.type.replace(/_/g, '-')];
  if (query.courseCode) parts.push(query.courseCode);
  if (query.date) parts.push(query.date);
  else if (query.from || query.to) parts.push(`${query.from ?? 'start'}_${query.to ?? 'today'}`);
  const name = parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return `${name}.csv`;
}

/** Saves a Blob as a file the browser downloads (the bearer token already did its job fetching it). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled; some browsers read the URL asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
