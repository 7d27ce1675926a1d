/**
 * CPU time per process group, read from /proc, so a bench can say where each request's CPU goes (gateway, service,
 * Postgres, NATS, the client) instead of guessing from a profile (V8's sampler counts time the OS preempted the
 * process as time in whatever function was running, which makes socket writes look expensive on a busy machine).
 * Linux only; elsewhere `snapshot()` returns nothing and the report is empty.
 */
import { readdirSync, readFileSync } from 'node:fs';

export type ProcessGroups = Record<string, (commandLine: string, pid: number) => boolean>;

/** What one process had used when a snapshot was taken. */
interface ProcessUsage {
  group: string;
  /** User + system ticks. */
  ticks: number;
  /** System (kernel) ticks: socket syscalls, wakeups. */
  systemTicks: number;
  /** Write system calls (`syscw` of /proc/<pid>/io): each socket write or writev is one. */
  writes: number;
}

export interface CpuSnapshot {
  at: number;
  /** By pid, every live process some group claims. */
  processes: Map<number, ProcessUsage>;
  /** The groups, in the order they were declared (the report's order). */
  groups: string[];
}

export interface CpuShare {
  /** CPU milliseconds per operation, user and kernel. */
  ms: number;
  /** Of which in the kernel. */
  systemMs: number;
  /** Write system calls per operation. */
  writes: number;
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

function processWrites(pid: number): number {
  try {
    return Number(/^syscw: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** What every live process claimed by a group has used so far (a process counts in the first group that claims it). */
export function snapshot(groups: ProcessGroups): CpuSnapshot {
  const processes = new Map<number, ProcessUsage>();
  let pids: number[] = [];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  } catch {
    return { at: performance.now(), processes, groups: Object.keys(groups) };
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
    processes.set(pid, { group, ticks: used.user + used.system, systemTicks: used.system, writes: processWrites(pid) });
  }
  return { at: performance.now(), processes, groups: Object.keys(groups) };
}

/**
 * CPU milliseconds per operation for each group between two snapshots, summed per process: a process that started
 * in between (a Postgres backend) counts with all it used, one that ended (a pool closing an idle connection)
 * with nothing after the first snapshot, which is close enough for a run of seconds and never negative.
 */
export function cpuPerOperation(before: CpuSnapshot, after: CpuSnapshot, operations: number): Record<string, CpuShare> {
  const totals = new Map<string, { ticks: number; systemTicks: number; writes: number }>();
  for (const [pid, usage] of after.processes) {
    const earlier = before.processes.get(pid);
    const base = earlier?.group === usage.group ? earlier : { ticks: 0, systemTicks: 0, writes: 0 };
    const sum = totals.get(usage.group) ?? { ticks: 0, systemTicks: 0, writes: 0 };
    sum.ticks += Math.max(0, usage.ticks - base.ticks);
    sum.systemTicks += Math.max(0, usage.systemTicks - base.systemTicks);
    sum.writes += Math.max(0, usage.writes - base.writes);
    totals.set(usage.group, sum);
  }
  const perOperation = (ticks: number) => Number((((ticks * 1000) / TICKS_PER_SECOND) / operations).toFixed(3));
  const result: Record<string, CpuShare> = {};
  for (const group of after.groups) {
    const sum = totals.get(group);
    if (!sum) continue;
    result[group] = { ms: perOperation(sum.ticks), systemMs: perOperation(sum.systemTicks), writes: Number((sum.writes / operations).toFixed(1)) };
  }
  return result;
}

/** `gateway 1.46 (kernel 0.31, 11.2 writes) · … · total 3.94`, groups that used nothing left out. */
export function describeCpu(label: string, perOperation: Record<string, CpuShare>, unit: string): string {
  const used = Object.entries(perOperation).filter(([, share]) => share.ms > 0.005);
  const parts = used.map(([group, share]) => `${group} ${share.ms.toFixed(2)} (kernel ${share.systemMs.toFixed(2)}, ${share.writes} writes)`);
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
