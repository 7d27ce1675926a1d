import { PlatformTables1732400000000 } from '@tec/shared';
import { AttendanceSchema1733100000000 } from './1733100000000-attendance-schema.migration';
import { LiveClassLink1734100000000 } from './1734100000000-live-class-link.migration';
import { GuardianLinks1734200000000 } from './1734200000000-guardian-links.migration';
import { ParentLinksShared1734300000000 } from './1734300000000-parent-links-shared.migration';

/** Oldest first; the platform tables (outbox, inbox, dead letters) always come first. */
export const attendanceMigrations: Function[] = [PlatformTables1732400000000, AttendanceSchema1733100000000, LiveClassLink1734100000000, GuardianLinks1734200000000, ParentLinksShared1734300000000];
