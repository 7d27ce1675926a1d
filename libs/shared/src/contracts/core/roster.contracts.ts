import { z } from 'zod';
import { defineRpc } from '../rpc-contract';

/**
 * Bigger CSVs must be split: the request travels as one NATS message (1 MB by default) and the gateway
 * body limit is above this. About 12 000 typical rows.
 */
export const ROSTER_CSV_MAX_BYTES = 900_000;

/** Header names accepted in a roster CSV; the first four are required. */
export const ROSTER_COLUMNS = ['email', 'first_name', 'last_name', 'role', 'date_of_birth', 'timezone', 'locale', 'course_code'] as const;

export const RosterImportStartRequest = z.object({ csv: z.string().min(1).max(ROSTER_CSV_MAX_BYTES) });

export const RosterImportStatus = z.enum(['running', 'completed', 'failed']);

export const RosterImport = z.object({
  importId: z.uuid(),
  status: RosterImportStatus,
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  /** `row` is the CSV line number (the header is line 1). Up to the first 1000 failures. */
  errors: z.array(z.object({ row: z.number().int(), message: z.string() })),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
export type RosterImport = z.infer<typeof RosterImport>;

/**
 * Admin, or API key with `users:write` and `enrollments:write`. The header is checked at once
 * (VALIDATION_FAILED); rows are processed in the background, each in its own transaction.
 */
export const rosterImportStart = defineRpc('core', 'rosterImportStart', RosterImportStartRequest, z.object({ importId: z.uuid() }));
/** Whoever started the import, or an admin. */
export const rosterImportGet = defineRpc('core', 'rosterImportGet', z.object({ importId: z.uuid() }), RosterImport);
