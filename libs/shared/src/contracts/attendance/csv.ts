export type CsvCell = string | number | boolean | null | undefined;

/**
 * One CSV cell, safe to open in a spreadsheet. Text that starts with = + - @ or a tab / carriage return would be
 * run as a formula (CSV injection), so it gets a leading apostrophe; numbers stay numbers. Cells with a comma,
 * quote or line break are quoted, with quotes doubled (RFC 4180).
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document with a header row, CRLF line ends (RFC 4180) and a BOM so spreadsheets read UTF-8. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map(csvCell).join(','), ...rows.map((row) => row.map(csvCell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
