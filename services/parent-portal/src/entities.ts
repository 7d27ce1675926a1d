import { platformEntities } from '@tec/shared';

/**
 * The parent portal's own tables are reached through hand-written SQL in its repositories (set-based upserts,
 * `ON CONFLICT`, row locks for crossings and single-use codes), so only the platform's entities are mapped.
 */
export const parentPortalEntities = [...platformEntities];
