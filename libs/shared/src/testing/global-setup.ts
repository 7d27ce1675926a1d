import { Client } from 'pg';
import { testConfig } from './test-config';

/** Runs once before all test files: fail early, with the fix, when Postgres is not there. */
export default async function globalSetup(): Promise<void> {
  const client = new Client({ connectionString: testConfig.TEST_DATABASE_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Tests need Postgres at ${testConfig.TEST_DATABASE_ADMIN_URL} (set TEST_DATABASE_ADMIN_URL). ` +
        `Start it with: npm test (provisions it) or pg_ctlcluster <version> main start. Cause: ${String(error)}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
