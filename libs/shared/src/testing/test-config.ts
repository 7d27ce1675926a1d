import { z } from 'zod';
import { loadConfig } from '../config/config';

/** Where tests find Postgres and NATS; the defaults are the local services. */
export const testConfig = loadConfig({
  TEST_DATABASE_ADMIN_URL: z.string().min(1).default('postgres://postgres@127.0.0.1:5432/postgres'),
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
});
