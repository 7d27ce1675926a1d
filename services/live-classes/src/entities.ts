import { platformEntities } from '@tec/shared';

/** Live classes' own tables are reached through hand-written SQL in its repositories; only the platform's entities are mapped. */
export const liveClassesEntities = [...platformEntities];
