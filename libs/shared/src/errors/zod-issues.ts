import type { z } from 'zod';
import { DomainError } from './domain-error';

export interface ValidationIssue {
  path: string;
  message: string;
}

export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));
}

/** Parses or throws VALIDATION_FAILED with one entry per bad field. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, what = 'request'): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw DomainError.validation(toValidationIssues(result.error), `The ${what} is not valid`);
  return result.data;
}
