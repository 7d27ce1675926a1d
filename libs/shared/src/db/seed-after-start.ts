import type { DataSource } from 'typeorm';
import { migrateSchema } from './data-source';

export interface SeedAfterStart {
  /** The service, for messages ("attendance"). */
  service: string;
  /** A query answering one row `{ state: text }` that describes how much of the read model has arrived. */
  stateSql: string;
  stateParams?: unknown[];
  /** Whether that state has what the seed needs. */
  ready: (state: string) => boolean;
  /** Also wait until the state stopped changing for this long (events still arriving). Default 0. */
  stableMs?: number;
  /** Give up after this long. Default 120 s. */
  timeoutMs?: number;
  /** The seed itself; returns the line to print. */
  seed: (dataSource: DataSource) => Promise<string>;
}

/**
 * The body of every service's `seed.cli.ts`, run by `npm start` once the stack is healthy: migrate, wait until the
 * service's read model has core's demo data (it arrives as core.v1 events) and, optionally, stopped growing, then
 * seed and print one line. Exits non-zero with a clear message when the data never arrives.
 */
export async function runSeedAfterStart(createDataSource: () => DataSource, options: SeedAfterStart): Promise<void> {
  const { service, stateSql, stateParams = [], ready, stableMs = 0, timeoutMs = 120_000, seed } = options;
  const dataSource = createDataSource();
  await dataSource.initialize();
  try {
    await migrateSchema(dataSource);
    const started = Date.now();
    let last = '';
    let stableSince = Date.now();
    for (;;) {
      const [row] = await dataSource.query<{ state: string }[]>(stateSql, stateParams);
      const state = String(row?.state ?? '');
      if (state !== last) {
        last = state;
        stableSince = Date.now();
      }
      if (ready(state) && Date.now() - stableSince >= stableMs) break;
      if (Date.now() - started > timeoutMs) {
        throw new Error(`${service} read model not ready after ${timeoutMs / 1000} s (state ${state}); is the ${service} service running?`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    console.log(await seed(dataSource));
  } finally {
    await dataSource.destroy();
  }
}

/** For `main().catch(...)` in a CLI: print the message and exit 1. */
export function exitWithError(error: unknown): never {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

/** A `count/count/…` state with no zero part. */
export function noZeroCounts(state: string): boolean {
  return state !== '' && !state.split('/').includes('0');
}
