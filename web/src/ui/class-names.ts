/** Joins class names, skipping the falsy ones (conditional classes read naturally at the call site). */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}
