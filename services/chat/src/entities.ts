import { platformEntities } from '@tec/shared';

/**
 * Chat's own tables are reached through hand-written SQL in its repositories (counter updates, watermarks,
 * full-text search, `ON CONFLICT`), so only the platform's entities are mapped.
 */
export const chatEntities = [...platformEntities];
