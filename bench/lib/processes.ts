import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');

/** A free TCP port on loopback, for a child process to listen on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The arguments that start a product process as `npm start` and the images do (scripts/lib/paths.mjs nodeCommand):
 * its package.json `nodeArgs` (the gateway's V8 young generation), then its built `dist/main.js`.
 */
export function productCommand(dir: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, dir, 'package.json'), 'utf8')) as { nodeArgs?: string[] };
  return [...(manifest.nodeArgs ?? []), `${dir}/dist/main.js`];
}

/**
 * Runs one process of the product (built `dist/main.js`) or a bench helper as its own OS process, as in
 * production, so it gets its own event loop and core instead of sharing the client's. Output goes to ours,
 * prefixed, only when it is a warning or worse (LOG_LEVEL=warn).
 */
export function startProcess(name: string, args: string[], env: Record<string, string>): ChildProcess {
  // BENCH_PROFILE_DIR=/tmp/x writes a CPU profile per child process, to see where a server spends its time.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...profile, ...args], { cwd: repoRoot, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const relay = (chunk: Buffer) => process.stderr.write(chunk.toString().replace(/^(?=.)/gm, `[${name}] `));
  child.stdout.on('data', relay);
  child.stderr.on('data', relay);
  return child;
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} did not become ready in ${timeoutMs / 1000}s`);
}
