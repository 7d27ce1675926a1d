import { AsyncLocalStorage } from 'node:async_hooks';
import { Writable } from 'node:stream';
import pino from 'pino';
import { GroupCommit, type GroupCommitOptions } from './group-commit';

interface Item {
  id: string;
  keys?: string[];
  lane?: string;
}

function quietLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'warn' }, destination), lines };
}

/** A write that records its batches and waits until the test releases it. */
function gatedWrite() {
  const batches: string[][] = [];
  const gates: (() => void)[] = [];
  const write = async (inputs: Item[]) => {
    batches.push(inputs.map((input) => input.id));
    await new Promise<void>((resolve) => gates.push(resolve));
    return inputs.map((input) => `done:${input.id}`);
  };
  const releaseNext = async () => {
    await waitUntil(() => gates.length > 0);
    gates.shift()!();
  };
  return { write, batches, gates, releaseNext };
}

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 1000 && !condition(); turn += 1) await new Promise<void>((resolve) => setImmediate(resolve));
  if (!condition()) throw new Error('condition never held');
}

function group(options: Partial<GroupCommitOptions<Item, string>> & Pick<GroupCommitOptions<Item, string>, 'write'>) {
  return new GroupCommit<Item, string>({
    name: 'test',
    logger: quietLogger().logger,
    conflictKeys: (item) => item.keys ?? [],
    laneOf: (item) => item.lane ?? 'one',
    ...options,
  });
}

describe('GroupCommit', () => {
  it('writes appends made together in ONE write, in append order, and resolves each with its own outcome', async () => {
    const batches: string[][] = [];
    const commit = group({
      write: async (inputs) => {
        batches.push(inputs.map((input) => input.id));
        return inputs.map((input) => `done:${input.id}`);
      },
    });
    const outcomes = await Promise.all(['a', 'b', 'c', 'd'].map((id) => commit.append({ id })));
    expect(batches).toEqual([['a', 'b', 'c', 'd']]);
    expect(outcomes).toEqual(['done:a', 'done:b', 'done:c', 'done:d']);
  });

  it('keeps one batch in flight per lane: appends arriving meanwhile go together in the next batch', async () => {
    const gated = gatedWrite();
    const commit = group({ write: gated.write });
    const first = commit.append({ id: 'a' });
    await waitUntil(() => gated.batches.length === 1);
    const later = ['b', 'c', 'd'].map((id) => commit.append({ id }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(gated.batches).toEqual([['a']]);
    await gated.releaseNext();
    expect(await first).toBe('done:a');
    await gated.releaseNext();
    expect(await Promise.all(later)).toEqual(['done:b', 'done:c', 'done:d']);
    expect(gated.batches).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('splits at maxBatch, oldest first', async () => {
    const batches: string[][] = [];
    const commit = group({
      maxBatch: 2,
      write: async (inputs) => {
        batches.push(inputs.map((input) => input.id));
        return inputs.map((input) => input.id);
      },
    });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => commit.append({ id })));
    expect(batches).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('defers an input that shares a conflict key to the next batch, and keeps append order per key', async () => {
    const batches: string[][] = [];
    const commit = group({
      write: async (inputs) => {
        batches.push(inputs.map((input) => input.id));
        return inputs.map((input) => input.id);
      },
    });
    await Promise.all([
      commit.append({ id: 'tap-1', keys: ['session|ana'] }),
      commit.append({ id: 'tap-2', keys: ['session|ana'] }),
      commit.append({ id: 'other', keys: ['session|bea'] }),
      // Shares nothing with the first batch but a key with tap-2, which waits: it must not overtake tap-2.
      commit.append({ id: 'after-tap-2', keys: ['session|ana', 'device|x'] }),
      commit.append({ id: 'same-device', keys: ['device|x'] }),
      commit.append({ id: 'free', keys: [] }),
    ]);
    expect(batches).toEqual([['tap-1', 'other', 'free'], ['tap-2'], ['after-tap-2'], ['same-device']]);
  });

  it('retries each input alone when a batch fails, so one bad input fails only itself', async () => {
    const { logger, lines } = quietLogger();
    const batches: string[][] = [];
    const commit = group({
      logger,
      write: async (inputs) => {
        batches.push(inputs.map((input) => input.id));
        if (inputs.some((input) => input.id === 'bad')) throw new Error('bad input');
        return inputs.map((input) => `done:${input.id}`);
      },
    });
    const results = await Promise.allSettled(['a', 'bad', 'c'].map((id) => commit.append({ id })));
    expect(results).toEqual([
      { status: 'fulfilled', value: 'done:a' },
      { status: 'rejected', reason: new Error('bad input') },
      { status: 'fulfilled', value: 'done:c' },
    ]);
    expect(batches).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
    expect(lines).toEqual([expect.objectContaining({ group: 'test', size: 3, msg: 'group commit batch failed; retrying its inputs one by one' })]);
  });

  it('rejects a lone failing input without retrying it, and keeps serving the lane afterwards', async () => {
    let calls = 0;
    const commit = group({
      write: async (inputs) => {
        calls += 1;
        if (calls === 1) throw new Error('deadlock detected');
        return inputs.map((input) => input.id);
      },
    });
    await expect(commit.append({ id: 'a' })).rejects.toThrow('deadlock detected');
    expect(calls).toBe(1);
    await expect(commit.append({ id: 'b' })).resolves.toBe('b');
  });

  it('fails every input, without a retry, when write returns the wrong number of outcomes (it may have committed)', async () => {
    let calls = 0;
    const commit = group({
      write: async () => {
        calls += 1;
        return ['only one'];
      },
    });
    const results = await Promise.allSettled([commit.append({ id: 'a' }), commit.append({ id: 'b' })]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(1);
  });

  it('rejects the append whose conflict keys throw, and only it', async () => {
    const commit = group({
      conflictKeys: (item) => {
        if (item.id === 'broken') throw new Error('no keys');
        return [];
      },
      write: async (inputs) => inputs.map((input) => input.id),
    });
    const results = await Promise.allSettled([commit.append({ id: 'a' }), commit.append({ id: 'broken' })]);
    expect(results).toEqual([
      { status: 'fulfilled', value: 'a' },
      { status: 'rejected', reason: new Error('no keys') },
    ]);
  });

  it('writes different lanes in parallel', async () => {
    const gated = gatedWrite();
    const commit = group({ lanes: 8, write: gated.write });
    const pending = Array.from({ length: 8 }, (_, index) => commit.append({ id: `s${index}`, lane: `course-${index}` }));
    await waitUntil(() => gated.batches.length > 1);
    expect(gated.batches.length).toBeGreaterThan(1);
    while (gated.gates.length > 0 || gated.batches.flat().length < 8) await gated.releaseNext();
    expect(await Promise.all(pending)).toEqual(Array.from({ length: 8 }, (_, index) => `done:s${index}`));
  });

  it("runs a batch outside the first appender's context (a batch serves many requests)", async () => {
    const requests = new AsyncLocalStorage<string>();
    const seen: (string | undefined)[] = [];
    const commit = group({
      write: async (inputs) => {
        seen.push(requests.getStore());
        return inputs.map((input) => input.id);
      },
    });
    await Promise.all([requests.run('request-a', () => commit.append({ id: 'a' })), requests.run('request-b', () => commit.append({ id: 'b' }))]);
    expect(seen).toEqual([undefined]);
  });

  it('drain waits for the batch in flight and for the inputs still waiting', async () => {
    const gated = gatedWrite();
    const commit = group({ write: gated.write });
    const settled: string[] = [];
    const first = commit.append({ id: 'a' }).then((outcome) => settled.push(outcome));
    await waitUntil(() => gated.batches.length === 1);
    const second = commit.append({ id: 'b' }).then((outcome) => settled.push(outcome));
    let drained = false;
    const draining = commit.drain().then(() => {
      drained = true;
    });
    await gated.releaseNext();
    await waitUntil(() => gated.batches.length === 2);
    expect(drained).toBe(false);
    await gated.releaseNext();
    await draining;
    await Promise.all([first, second]);
    expect(settled).toEqual(['done:a', 'done:b']);
    await expect(commit.drain()).resolves.toBeUndefined();
  });

  it('under a random load of keys, failures and lanes, settles every append exactly once and keeps append order per key', async () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const written: string[] = [];
    const commit = group({
      lanes: 3,
      maxBatch: 7,
      write: async (inputs) => {
        await new Promise((resolve) => setTimeout(resolve, random() * 3));
        // A batch of several fails now and then (as a deadlock would); inputs named bad-* always fail.
        if ((inputs.length > 1 && random() < 0.2) || inputs.some((input) => input.id.startsWith('bad-'))) throw new Error('failed');
        const keys = new Set<string>();
        for (const input of inputs) {
          for (const key of input.keys ?? []) {
            if (keys.has(key)) throw new Error(`two inputs with ${key} in one batch`);
            keys.add(key);
          }
        }
        written.push(...inputs.map((input) => input.id));
        return inputs.map((input) => input.id);
      },
    });
    const items: Item[] = Array.from({ length: 400 }, (_, index) => {
      const course = `c${Math.floor(random() * 4)}`;
      const keys = [`${course}|s${Math.floor(random() * 30)}`, `${course}|d${Math.floor(random() * 30)}`];
      return { id: `${random() < 0.05 ? 'bad' : 'ok'}-${index}`, keys, lane: course };
    });
    const settlements = new Map<string, number>();
    const appends: Promise<unknown>[] = [];
    for (const [index, item] of items.entries()) {
      appends.push(
        commit.append(item).then(
          () => settlements.set(item.id, (settlements.get(item.id) ?? 0) + 1),
          () => settlements.set(item.id, (settlements.get(item.id) ?? 0) + 1),
        ),
      );
      if (index % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await Promise.all(appends);
    await commit.drain();
    expect([...settlements.values()].every((count) => count === 1)).toBe(true);
    expect(settlements.size).toBe(items.length);
    expect([...written].sort()).toEqual(items.filter((item) => item.id.startsWith('ok-')).map((item) => item.id).sort());
    const position = new Map(written.map((id, index) => [id, index]));
    const byKey = new Map<string, string[]>();
    for (const item of items) for (const key of item.keys!) byKey.set(key, [...(byKey.get(key) ?? []), item.id]);
    for (const ids of byKey.values()) {
      const order = ids.filter((id) => position.has(id)).map((id) => position.get(id)!);
      expect(order).toEqual([...order].sort((left, right) => left - right));
    }
  });
});
