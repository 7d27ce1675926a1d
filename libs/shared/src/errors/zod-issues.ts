import type { z } from 'zod';
import { DomainError } from './domain-error';

export interface ValidationIssue {
  path: string;
  message: string;
}

export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));
}

/**
 * Where a string holds a NUL character (U+0000), or null. Postgres text and jsonb cannot store NUL, so such input
 * would fail deep in a service as a 500 (found by fuzzing: `?search=%00`); it is refused at the edge instead.
 */
export function findNulCharacter(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '(root)' : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const where = key.includes('\u0000') ? `${path}${path ? '.' : ''}(key)` : findNulCharacter(child, path ? `${path}.${key}` : key, depth + 1);
    if (where) return where;
  }
  return null;
}

/** Parses or throws VALIDATION_FAILED with one entry per bad field (and for any string holding a NUL character). */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, what = 'request'): z.infer<T> {
  const nul = findNulCharacter(value);
  if (nul) throw DomainError.validation([{ path: nul, message: 'Text cannot contain NUL characters' }], `The ${what} is not valid`);
  const result = schema.safeParse(value);
  if (!result.success) throw DomainError.validation(toValidationIssues(result.error), `The ${what} is not valid`);
  return result.data;
}
