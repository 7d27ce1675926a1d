import { parse } from 'csv-parse/sync';
import { CalendarDate, DomainError, Email, Locale, PersonName, ROSTER_COLUMNS, Timezone, CourseCode } from '@tec/shared';
import { z } from 'zod';

/** One data line of a roster CSV; `line` is its line number in the file (the header is line 1). */
export interface RosterLine {
  line: number;
  values: Record<string, string>;
}

export interface RosterRow {
  email: string;
  firstName: string;
  lastName: string;
  role: 'student' | 'teacher' | 'parent';
  dateOfBirth: string | null;
  timezone: string | null;
  locale: string | null;
  courseCode: string | null;
}

const REQUIRED = ['email', 'first_name', 'last_name', 'role'] as const;

/** Parses the whole file; a header problem or broken quoting fails the import before it starts. */
export function parseRosterCsv(csv: string): RosterLine[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  let columns: string[] = [];
  try {
    records = parse(csv, {
      bom: true,
      columns: (header: string[]) => (columns = header.map((name) => name.trim().toLowerCase())),
      info: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
      relax_column_count: true,
    }) as typeof records;
  } catch (error) {
    throw DomainError.validation([{ path: 'csv', message: (error as Error).message }], 'The CSV could not be read');
  }
  const missing = REQUIRED.filter((column) => !columns.includes(column));
  const unknown = columns.filter((column) => column && !(ROSTER_COLUMNS as readonly string[]).includes(column));
  if (missing.length > 0 || unknown.length > 0) {
    throw DomainError.validation(
      [
        ...missing.map((column) => ({ path: 'csv', message: `missing column ${column}` })),
        ...unknown.map((column) => ({ path: 'csv', message: `unknown column ${column} (allowed: ${ROSTER_COLUMNS.join(', ')})` })),
      ],
      'The CSV header is not valid',
    );
  }
  return records.map(({ record, info }) => ({ line: info.lines, values: record }));
}

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

const RowSchema = z.object({
  email: Email,
  first_name: PersonName,
  last_name: PersonName,
  role: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['student', 'teacher', 'parent'], { message: 'unknown role (student, teacher or parent)' })),
  date_of_birth: optional(CalendarDate),
  timezone: optional(Timezone),
  locale: optional(Locale),
  course_code: optional(CourseCode),
});

const FIELD_NAMES: Record<string, string> = { email: 'email', first_name: 'first name', last_name: 'last name', role: 'role' };

/** Validates one line; the message names the first bad field in words a school admin understands. */
export function validateRosterLine(values: Record<string, string>): { row: RosterRow } | { error: string } {
  const parsed = RowSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'row');
    const label = FIELD_NAMES[field] ?? field.replace(/_/g, ' ');
    const value = values[field];
    if (value === undefined || value === '') return { error: `${label} is missing` };
    return { error: `bad ${label} "${value.slice(0, 80)}": ${issue?.message ?? 'not valid'}` };
  }
  const row = parsed.data;
  if (row.role === 'parent' && row.course_code) return { error: 'parents are not enrolled in courses; leave course_code empty' };
  return {
    row: {
      email: row.email,
      firstName: row.first_name,
      lastName: row.last_name,
      role: row.role,
      dateOfBirth: row.date_of_birth ?? null,
      timezone: row.timezone ?? null,
      locale: row.locale ?? null,
      courseCode: row.course_code ?? null,
    },
  };
}

/** The key that makes two lines duplicates: the same person in the same course (or twice without one). */
export function duplicateKey(values: Record<string, string>): string {
  return `${(values.email ?? '').trim().toLowerCase()}|${(values.course_code ?? '').trim().toUpperCase()}`;
}
