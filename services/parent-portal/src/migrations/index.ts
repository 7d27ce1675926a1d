import { PlatformTables1732400000000 } from '@tec/shared';
import { ParentPortalSchema1733300000000 } from './1733300000000-parent-portal-schema.migration';

/** Oldest first; the platform tables (outbox, inbox, dead letters) always come first. */
export const parentPortalMigrations: Function[] = [PlatformTables1732400000000, ParentPortalSchema1733300000000];
