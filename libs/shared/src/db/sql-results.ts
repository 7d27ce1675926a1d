/**
 * TypeORM's Postgres driver answers `UPDATE/DELETE … RETURNING` with `[rows, affected]` but `INSERT/SELECT` with
 * the rows alone; this reads either.
 */
export function returningRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/** Runs a statement and returns its rows, whichever form the driver answered in (see `returningRows`). */
export async function queryRows<T>(
  runner: { query: (sql: string, params?: unknown[]) => Promise<unknown> },
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return returningRows<T>(await runner.query(sql, params));
}

/**
 * An opaque keyset cursor over `(timestamp, id)` ordering: stable under inserts, unlike offsets. Decoding a
 * tampered or foreign cursor gives null (the caller answers with the first page or a validation error).
 */
export function encodeCursor(at: Date | string, id: string): string {
  const instant = at instanceof Date ? at.toISOString() : at;
  return Buffer.from(`${instant}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): { at: string; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  return { at, id };
}
