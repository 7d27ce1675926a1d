import { platformEntities } from '@tec/shared';

/** The service's repositories use SQL directly (schema-qualified, owner in every query); only the platform tables are entities. */
export const notificationsEntities = [...platformEntities];
