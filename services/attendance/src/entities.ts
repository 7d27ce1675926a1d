import { platformEntities } from '@tec/shared';

/**
 * Attendance's own tables are reached through hand-written SQL in its repositories (set-based upserts,
 * `ON CONFLICT`, `FOR UPDATE SKIP LOCKED`, counter deltas), so only the platform's entities are mapped.
 */
export const attendanceEntities = [...platformEntities];
