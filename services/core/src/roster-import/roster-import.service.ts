import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, DomainError, ROSTER_CSV_MAX_BYTES, type AuthContext, type RosterImport } from '@tec/shared';
import { isAdmin } from '../common/access';
import type { CoreConfig } from '../config';
import { parseRosterCsv } from './roster-csv';
import { RosterImportWorker } from './roster-import.worker';
import { RosterImportsRepository } from './roster-imports.repository';

@Injectable()
export class RosterImportService {
  constructor(
    @Inject(CONFIG) private readonly config: CoreConfig,
    private readonly imports: RosterImportsRepository,
    private readonly worker: RosterImportWorker,
  ) {}

  /** Checks size and header now; the rows are applied in the background. */
  async start(auth: AuthContext, csv: string): Promise<{ importId: string }> {
    if (auth.kind !== 'user' && auth.kind !== 'api_key') throw DomainError.forbidden();
    if (Buffer.byteLength(csv) > ROSTER_CSV_MAX_BYTES) {
      throw new DomainError('PAYLOAD_TOO_LARGE', `A roster CSV may be at most ${ROSTER_CSV_MAX_BYTES} bytes; split the file`);
    }
    const lines = parseRosterCsv(csv);
    if (lines.length > this.config.ROSTER_IMPORT_MAX_ROWS) {
      throw new DomainError('PAYLOAD_TOO_LARGE', `A roster CSV may have at most ${this.config.ROSTER_IMPORT_MAX_ROWS} rows; split the file`);
    }
    const importId = randomUUID();
    const starter = auth.kind === 'user' ? { kind: 'user' as const, id: auth.userId } : { kind: 'api_key' as const, id: auth.apiKeyId };
    await this.imports.create(starter, { id: importId, csv, total: lines.length });
    this.worker.kick();
    return { importId };
  }

  /** Whoever started the import, or an admin. */
  async get(auth: AuthContext, importId: string): Promise<RosterImport> {
    const roster = await this.imports.findById(importId);
    const callerId = auth.kind === 'user' ? auth.userId : auth.kind === 'api_key' ? auth.apiKeyId : null;
    if (!roster || (!isAdmin(auth) && roster.startedById !== callerId)) throw DomainError.notFound('Roster import');
    const errors = await this.imports.listErrorsForImport(importId);
    return {
      importId: roster.id,
      status: roster.status,
      total: roster.total,
      done: roster.done,
      failed: roster.failed,
      errors: [
        ...errors.map((error) => ({ row: error.row, message: error.message })),
        ...(roster.failure ? [{ row: 0, message: roster.failure }] : []),
      ],
      createdAt: roster.createdAt.toISOString(),
      finishedAt: roster.finishedAt?.toISOString() ?? null,
    };
  }
}
