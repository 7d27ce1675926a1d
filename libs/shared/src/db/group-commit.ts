import { AsyncResource } from 'node:async_hooks';
import type { Logger } from 'pino';

export interface GroupCommitOptions<Input, Outcome> {
  /** Names the group in logs (`attendance check-in`). */
  name: string;
  /**
   * Writes a batch in ONE statement (or one transaction) and returns one outcome per input, in input order. Each
   * input must be decided on its own inside it, as if written alone. Throwing fails the whole batch (then each input
   * is retried alone), so it must not have committed anything when it throws.
   */
  write: (inputs: Input[]) => Promise<Outcome[]>;
  logger: Logger;
  /** Independent lanes, each with one batch in flight (default 1). */
  lanes?: number;
  /**
   * The lane of an input (hashed). Inputs that could collide must share a lane: conflict keys are only compared inside
   * one, and two lanes' batches that touch the same rows could wait on each other's locks.
   */
  laneOf?: (input: Input) => string;
  /** At most this many inputs per batch (default 500); the rest wait for the next. */
  maxBatch?: number;
  /**
   * Keys an input must not share with another input of the same batch (e.g. two upserts of one row, which a single
   * statement can't do). Such an input waits for the next batch and sees the first one committed. Per key, inputs are
   * written in the order they were appended.
   */
  conflictKeys?: (input: Input) => readonly string[];
}

interface Pending<Input, Outcome> {
  input: Input;
  keys: readonly string[];
  resolve: (outcome: Outcome) => void;
  reject: (error: unknown) => void;
}

interface Lane<Input, Outcome> {
  pending: Pending<Input, Outcome>[];
  /** The lane's flush loop while it runs: one batch in flight at a time. */
  running: Promise<void> | null;
}

const DEFAULT_MAX_BATCH = 500;

/**
 * Group commit: inputs that arrive while a batch is being written wait and go together in the next one, ONE write
 * (one statement, one commit) for all of them, so the fixed cost of a statement and of a durable commit is shared
 * instead of paid per input. A lone input is written on the next turn of the event loop, so an idle system adds no
 * wait. The write decides every input on its own; a batch that fails as a whole (a bad input, a deadlock with another
 * instance) is retried one input at a time, so one input can't fail the others. Every append is resolved or rejected
 * exactly once.
 */
export class GroupCommit<Input, Outcome> {
  private readonly lanes: Lane<Input, Outcome>[];
  private readonly maxBatch: number;
  /**
   * Batches run in the context the group was created in, not in the first appender's: a batch serves many requests,
   * so its logs must not carry one request's correlation id (each input carries its own, e.g. in its outbox row).
   */
  private readonly scope = new AsyncResource('GroupCommit');

  constructor(private readonly options: GroupCommitOptions<Input, Outcome>) {
    const lanes = options.lanes ?? 1;
    this.maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
    if (!Number.isInteger(lanes) || lanes < 1) throw new Error(`${options.name}: lanes must be a positive integer, got ${lanes}`);
    if (!Number.isInteger(this.maxBatch) || this.maxBatch < 1) throw new Error(`${options.name}: maxBatch must be a positive integer, got ${this.maxBatch}`);
    this.lanes = Array.from({ length: lanes }, () => ({ pending: [], running: null }));
  }

  /** Resolves with the input's outcome once its batch has committed (or rejects with its own failure). */
  append(input: Input): Promise<Outcome> {
    let keys: readonly string[];
    let lane: Lane<Input, Outcome>;
    try {
      keys = this.options.conflictKeys?.(input) ?? [];
      lane = this.laneFor(input);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<Outcome>((resolve, reject) => {
      lane.pending.push({ input, keys, resolve, reject });
      lane.running ??= this.scope.runInAsyncScope(() => this.run(lane));
    });
  }

  /** Resolves when everything appended so far (and meanwhile) is written: call before the database closes. */
  async drain(): Promise<void> {
    for (;;) {
      const running = this.lanes.flatMap((lane) => (lane.running ? [lane.running] : []));
      if (running.length === 0) return;
      await Promise.allSettled(running);
    }
  }

  private laneFor(input: Input): Lane<Input, Outcome> {
    if (this.lanes.length === 1 || !this.options.laneOf) return this.lanes[0]!;
    return this.lanes[fnv1a(this.options.laneOf(input)) % this.lanes.length]!;
  }

  private async run(lane: Lane<Input, Outcome>): Promise<void> {
    // The first batch waits one turn of the event loop, so appends arriving together (one burst of messages) share it;
    // later batches gather whatever arrived while the previous one was being written.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      while (lane.pending.length > 0) await this.commit(this.take(lane));
    } finally {
      lane.running = null;
    }
  }

  /** The next batch, in append order: an input sharing a key with one taken or one left waiting waits too. */
  private take(lane: Lane<Input, Outcome>): Pending<Input, Outcome>[] {
    const batch: Pending<Input, Outcome>[] = [];
    const later: Pending<Input, Outcome>[] = [];
    const taken = new Set<string>();
    const waiting = new Set<string>();
    for (const item of lane.pending) {
      if (batch.length >= this.maxBatch) later.push(item);
      else if (item.keys.some((key) => taken.has(key) || waiting.has(key))) {
        later.push(item);
        for (const key of item.keys) waiting.add(key);
      } else {
        batch.push(item);
        for (const key of item.keys) taken.add(key);
      }
    }
    lane.pending = later;
    return batch;
  }

  private async commit(batch: Pending<Input, Outcome>[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await this.options.write(batch.map((item) => item.input));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      this.options.logger.warn({ err: error, group: this.options.name, size: batch.length }, 'group commit batch failed; retrying its inputs one by one');
      for (const item of batch) await this.commit([item]);
      return;
    }
    if (outcomes.length !== batch.length) {
      // A bug in `write`, and it may have committed: retrying could write twice, so every input fails instead.
      const error = new Error(`${this.options.name}: write returned ${outcomes.length} outcomes for ${batch.length} inputs`);
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, index) => item.resolve(outcomes[index]!));
  }
}

/** FNV-1a, 32 bits: a cheap, stable spread of lane names over lanes. */
function fnv1a(value: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < value.length; index += 1) {
    hash ^= value.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
