/**
 * Erased users' read-model rows carry this address. A core event published before the erasure but handled after it
 * must not write the person back: read models add `WHERE <notErasedSql>` to their user upserts.
 */
export function notErasedSql(table: string): string {
  return `${table}.email NOT LIKE 'erased-%@erased.invalid'`;
}

/** Whether a core account row was erased (its address is the erased placeholder). */
export function isErasedEmail(email: string): boolean {
  return /^erased-.+@erased\.invalid$/.test(email);
}
