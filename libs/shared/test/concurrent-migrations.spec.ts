import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { testConfig } from '../src/testing/test-config';

interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runChild(url: string): Promise<ChildResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', path.join(__dirname, 'support/swc-register.js'), path.join(__dirname, 'support/migrate-child.ts'), url], {
      cwd: path.join(__dirname, '../../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('migrations under the advisory lock', () => {
  const name = `test_migrate_race_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: testConfig.TEST_DATABASE_ADMIN_URL });
  let url: string;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const parsed = new URL(testConfig.TEST_DATABASE_ADMIN_URL);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
  });

  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('lets two processes migrate one fresh database at once: both succeed, each migration runs once', async () => {
    const results = await Promise.all([runChild(url), runChild(url)]);
    for (const result of results) expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });

    const applied = results.map((result) => (JSON.parse(result.stdout.trim()) as { applied: string[] }).applied);
    // One process did the work (the two listed + the platform's outbox trace column); the other found nothing left.
    expect(applied.map((list) => list.length).sort()).toEqual([0, 3]);

    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      const recorded = await db.query<{ name: string; count: number }>(
        'SELECT name, count(*)::int AS count FROM "migrate_race"."migrations" GROUP BY name ORDER BY name',
      );
      expect(recorded.rows).toEqual([
        { name: 'OutboxTraceParent1732400000100', count: 1 },
        { name: 'PlatformTables1732400000000', count: 1 },
        { name: 'SlowLedger1732400000002', count: 1 },
      ]);
      const tables = await db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'migrate_race' ORDER BY table_name");
      expect(tables.rows.map((row: { table_name: string }) => row.table_name)).toEqual(['dead_letters', 'inbox', 'ledger', 'migrations', 'outbox']);
    } finally {
      await db.end();
    }
  }, 30_000);
});
