import 'reflect-metadata';
import { exitWithError, runSeedAfterStart } from '@tec/shared';
import { createDataSource } from '../data-source';
import { DEMO_LINKS, seedLinks } from './seed-links';

/**
 * `node services/parent-portal/dist/seed/seed.cli.js`, run by `npm start` once the stack is healthy: waits until the
 * demo parent and student reached the parent portal's read model (as core.v1 events), then links them (approved).
 * The running service's relay publishes `link_activated` from the outbox. Safe to run again.
 */
const emails = DEMO_LINKS.flatMap((link) => [link.parentEmail, link.studentEmail]);
runSeedAfterStart(createDataSource, {
  service: 'parent-portal',
  stateSql: `SELECT count(*)::text AS state FROM "parent_portal"."users" WHERE lower(email) = ANY($1::text[])`,
  stateParams: [emails],
  ready: (state) => Number(state) >= new Set(emails).size,
  seed: async (dataSource) => {
    const { created } = await seedLinks(dataSource);
    return `Parent portal demo ready: ${created} new link(s) (parent@tec.example → student@tec.example, approved).`;
  },
}).catch(exitWithError);
