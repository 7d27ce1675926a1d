import { PlatformTables1732400000000 } from '@tec/shared';
import { LiveClassesSchema1734000000000 } from './1734000000000-live-classes-schema.migration';

/** Oldest first; the platform tables (outbox, inbox, dead letters) always come first. */
export const liveClassesMigrations: Function[] = [PlatformTables1732400000000, LiveClassesSchema1734000000000];
