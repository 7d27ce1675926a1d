/**
 * TypeORM's Postgres driver answers `UPDATE/DELETE … RETURNING` with `[rows, affected]` but `INSERT/SELECT` with
 * the rows alone; this reads either.
 */
export function returningRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
