/**
 * CPU time per process group, read from /proc, so a bench can say where each request's CPU goes (gateway, service,
 * Postgres, NATS, the client) instead of guessing from a profile (V8's sampler counts time the OS preempted the
 * process as time in whatever function was running, which makes socket writes look expensive on a busy machine).
 * Linux only; elsewhere `snapshot()` returns nothing and the report is empty.
 */
import { readdirSync, readFileSync } from 'node:fs';

export type ProcessGroups = Record<string, (commandLine: string, pid: number) => boolean>;

export interface CpuSnapshot {
  at: number;
  /** User + system ticks per group. */
  ticks: Map<string, number>;
  /** System (kernel) ticks per group: socket syscalls, wakeups. */
  systemTicks: Map<string, number>;
}

export interface CpuShare {
  /** CPU milliseconds per operation, user and kernel. */
  ms: number;
  /** Of which in the kernel. */
  systemMs: number;
}

const TICKS_PER_SECOND = 100;

function processTicks(pid: number): { user: number; system: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces and parentheses): utime is the 14th, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]), system: Number(fields[12]) };
  } catch {
    return null;
  }
}

/** Sums the CPU ticks of every live process by group (a process counts in the first group that claims it). */
export function snapshot(groups: ProcessGroups): CpuSnapshot {
  const ticks = new Map<string, number>(Object.keys(groups).map((name) => [name, 0]));
  const systemTicks = new Map<string, number>(Object.keys(groups).map((name) => [name, 0]));
  let pids: number[] = [];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  } catch {
    return { at: performance.now(), ticks: new Map(), systemTicks: new Map() };
  }
  for (const pid of pids) {
    let commandLine: string;
    try {
      commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue;
    }
    const group = Object.entries(groups).find(([, matches]) => matches(commandLine, pid))?.[0];
    if (!group) continue;
    const used = processTicks(pid);
    if (used === null) continue;
    ticks.set(group, ticks.get(group)! + used.user + used.system);
    systemTicks.set(group, systemTicks.get(group)! + used.system);
  }
  return { at: performance.now(), ticks, systemTicks };
}

/**
 * CPU milliseconds per operation for each group between two snapshots. Processes that started or ended between
 * them (Postgres backends) are counted by what they used while visible, which is close enough for a run of seconds.
 */
export function cpuPerOperation(before: CpuSnapshot, after: CpuSnapshot, operations: number): Record<string, CpuShare> {
  const perOperation = (ticks: number) => Number((((ticks * 1000) / TICKS_PER_SECOND) / operations).toFixed(3));
  const result: Record<string, CpuShare> = {};
  for (const [group, ticks] of after.ticks) {
    result[group] = {
      ms: perOperation(ticks - (before.ticks.get(group) ?? 0)),
      systemMs: perOperation((after.systemTicks.get(group) ?? 0) - (before.systemTicks.get(group) ?? 0)),
    };
  }
  return result;
}

/** `gateway 1.46 (kernel 0.31) · … · total 3.94`, groups that used nothing left out. */
export function describeCpu(label: string, perOperation: Record<string, CpuShare>, unit: string): string {
  const used = Object.entries(perOperation).filter(([, share]) => share.ms > 0.005);
  const parts = used.map(([group, share]) => `${group} ${share.ms.toFixed(2)} (kernel ${share.systemMs.toFixed(2)})`);
  const total = used.reduce((sum, [, share]) => sum + share.ms, 0);
  return `  CPU ms per ${unit}, ${label}: ${parts.join(' · ')} · total ${total.toFixed(2)}`;
}

/** The groups of a bench that runs the product's processes: the caller adds its own servers by pid. */
export function productGroups(children: Record<string, number | undefined>): ProcessGroups {
  const groups: ProcessGroups = {};
  for (const [name, pid] of Object.entries(children)) groups[name] = (_line, candidate) => candidate === pid;
  groups.postgres = (line) => line.startsWith('postgres') || line.includes('/postgres ') || line.includes('bin/postgres');
  groups.nats = (line) => line.includes('nats-server');
  groups.client = (_line, candidate) => candidate === process.pid;
  return groups;
}
