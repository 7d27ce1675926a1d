import { PlatformTables1732400000000 } from '@tec/shared';
import { CoreSchema1732500000000 } from './1732500000000-core-schema.migration';
import { ActivityAndRoster1732500001000 } from './1732500001000-activity-and-roster.migration';
import { DataRights1735000000000 } from './1735000000000-data-rights.migration';

/** Oldest first; the platform tables (outbox, inbox, dead letters) always come first. */
export const coreMigrations: Function[] = [PlatformTables1732400000000, CoreSchema1732500000000, ActivityAndRoster1732500001000, DataRights1735000000000];
