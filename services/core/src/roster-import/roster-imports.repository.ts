import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { RosterImportErrorEntity } from './roster-import-error.entity';
import { RosterImportEntity } from './roster-import.entity';

export interface ClaimedImport {
  id: string;
  csv: string;
  nextRow: number;
  total: number;
}

const MAX_ERRORS_SHOWN = 1000;

@Injectable()
export class RosterImportsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async create(
    starter: { kind: 'user' | 'api_key'; id: string },
    roster: { id: string; csv: string; total: number },
    db: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await db.insert(RosterImportEntity, {
      ...roster,
      status: roster.total === 0 ? 'completed' : 'running',
      csv: roster.total === 0 ? null : roster.csv,
      finishedAt: roster.total === 0 ? new Date() : null,
      startedByKind: starter.kind,
      startedById: starter.id,
    });
  }

  findById(importId: string, db: EntityManager = this.dataSource.manager): Promise<RosterImportEntity | null> {
    return db.findOneBy(RosterImportEntity, { id: importId });
  }

  listErrorsForImport(importId: string, db: EntityManager = this.dataSource.manager): Promise<RosterImportErrorEntity[]> {
    return db.find(RosterImportErrorEntity, { where: { importId }, order: { row: 'ASC' }, take: MAX_ERRORS_SHOWN });
  }

  /**
   * Leases the oldest running import nobody holds (SKIP LOCKED: two workers never pick the same one; an
   * expired lease means its worker died, so another resumes it at `next_row`).
   */
  async claimNext(leaseSeconds: number, db: EntityManager = this.dataSource.manager): Promise<ClaimedImport | null> {
    const [rows] = await db.query<[ClaimedImport[], number]>(
      `UPDATE "core"."roster_imports" SET locked_until = now() + make_interval(secs => $1)
        WHERE id = (SELECT id FROM "core"."roster_imports"
                     WHERE status = 'running' AND (locked_until IS NULL OR locked_until < now())
                     ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
        RETURNING id, csv, next_row AS "nextRow", total`,
      [leaseSeconds],
    );
    return rows[0] ?? null;
  }

  async renewLease(importId: string, leaseSeconds: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE "core"."roster_imports" SET locked_until = now() + make_interval(secs => $2) WHERE id = $1 AND status = 'running'`,
      [importId, leaseSeconds],
    );
  }

  async releaseLease(importId: string): Promise<void> {
    await this.dataSource.query(`UPDATE "core"."roster_imports" SET locked_until = NULL WHERE id = $1`, [importId]);
  }

  /**
   * Moves the cursor past `rowIndex`, in the row's own transaction. Returns false when another worker already
   * moved it (the caller must roll back), which keeps every row applied exactly once.
   */
  async advance(importId: string, rowIndex: number, outcome: 'done' | 'failed', db: EntityManager): Promise<boolean> {
    const column = outcome === 'done' ? 'done' : 'failed';
    const [, affected] = await db.query<[unknown[], number]>(
      `UPDATE "core"."roster_imports" SET ${column} = ${column} + 1, next_row = $2 + 1, updated_at = now()
        WHERE id = $1 AND next_row = $2 AND status = 'running'`,
      [importId, rowIndex],
    );
    return affected === 1;
  }

  async addError(importId: string, line: number, message: string, db: EntityManager): Promise<void> {
    await db.query(
      `INSERT INTO "core"."roster_import_errors" (import_id, "row", message) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [importId, line, message],
    );
  }

  async finish(importId: string, status: 'completed' | 'failed', failure: string | null = null): Promise<void> {
    await this.dataSource.query(
      `UPDATE "core"."roster_imports"
          SET status = $2, failure = $3, csv = NULL, locked_until = NULL, finished_at = now(), updated_at = now()
        WHERE id = $1 AND status = 'running'`,
      [importId, status, failure],
    );
  }

  async hasRunning(): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM "core"."roster_imports" WHERE status = 'running' LIMIT 1`);
    return rows.length > 0;
  }
}
