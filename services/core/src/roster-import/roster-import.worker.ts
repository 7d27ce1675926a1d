import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, DATA_SOURCE, inTransaction, isDomainError, LOGGER, type Logger } from '@tec/shared';
import { QueryFailedError, type DataSource } from 'typeorm';
import type { CoreConfig } from '../config';
import { duplicateKey, parseRosterCsv, validateRosterLine, type RosterLine } from './roster-csv';
import { RosterRowApplier } from './roster-row.applier';
import { RosterImportsRepository, type ClaimedImport } from './roster-imports.repository';

const LEASE_SECONDS = 60;

/** Thrown inside a row's transaction when another worker already moved the cursor: roll back, stop. */
class LeaseLost extends Error {}

/**
 * Applies roster imports in the background, one transaction per row (the row's users, enrollments, events
 * and the import's cursor commit together). Imports are leased with SKIP LOCKED, so several instances share
 * the work and a crashed worker's import is resumed by another after its lease expires.
 */
@Injectable()
export class RosterImportWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopping = false;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: CoreConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly imports: RosterImportsRepository,
    private readonly applier: RosterRowApplier,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.ROSTER_IMPORT_POLL_SECONDS;
    if (seconds <= 0) return;
    this.timer = setInterval(() => this.kick(), seconds * 1000);
    this.timer.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Starts working now (a new import was created); a no-op while already working, which re-checks after. */
  kick(): void {
    if (this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.logger.error({ err: error }, 'roster import worker failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when the work in hand and every claimable import are done (tests, and a clean shutdown). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
    await this.drain();
  }

  /** Processes imports until none is left to claim. */
  private async drain(): Promise<void> {
    for (let claimed = await this.imports.claimNext(LEASE_SECONDS); claimed && !this.stopping; claimed = await this.imports.claimNext(LEASE_SECONDS)) {
      await this.process(claimed);
    }
  }

  private async process(claimed: ClaimedImport): Promise<void> {
    try {
      const lines = parseRosterCsv(claimed.csv);
      const firstLineOf = new Map<string, number>();
      for (const line of lines) if (!firstLineOf.has(duplicateKey(line.values))) firstLineOf.set(duplicateKey(line.values), line.line);
      for (let index = claimed.nextRow; index < lines.length; index++) {
        if (this.stopping) return this.imports.releaseLease(claimed.id);
        await this.applyLine(claimed.id, index, lines[index]!, firstLineOf);
        if ((index + 1) % this.config.ROSTER_IMPORT_CHUNK_SIZE === 0) {
          await this.imports.renewLease(claimed.id, LEASE_SECONDS);
          await new Promise((resolve) => setImmediate(resolve)); // let RPC traffic in between chunks
        }
      }
      await this.imports.finish(claimed.id, 'completed');
    } catch (error) {
      if (error instanceof LeaseLost) return;
      this.logger.error({ err: error, importId: claimed.id }, 'roster import failed');
      await this.imports.finish(claimed.id, 'failed', 'The import stopped on an unexpected error; rows before it were kept');
    }
  }

  private async applyLine(importId: string, index: number, line: RosterLine, firstLineOf: Map<string, number>): Promise<void> {
    const firstLine = firstLineOf.get(duplicateKey(line.values));
    const validated =
      firstLine !== undefined && firstLine !== line.line
        ? { error: `duplicate of row ${firstLine} (same email and course_code)` }
        : validateRosterLine(line.values);
    let failure = 'error' in validated ? validated.error : null;
    if ('row' in validated) {
      try {
        await inTransaction(this.dataSource, async (db) => {
          await this.applier.apply(validated.row, db);
          if (!(await this.imports.advance(importId, index, 'done', db))) throw new LeaseLost();
        });
        return;
      } catch (error) {
        if (error instanceof LeaseLost) throw error;
        if (isDomainError(error)) failure = error.message;
        else if (error instanceof QueryFailedError) failure = 'the row could not be saved';
        else throw error;
      }
    }
    await inTransaction(this.dataSource, async (db) => {
      await this.imports.addError(importId, line.line, failure ?? 'not valid', db);
      if (!(await this.imports.advance(importId, index, 'failed', db))) throw new LeaseLost();
    });
  }
}
