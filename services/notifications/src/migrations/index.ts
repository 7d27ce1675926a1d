import { PlatformTables1732400000000 } from '@tec/shared';
import { NotificationsSchema1733000000000 } from './1733000000000-notifications-schema.migration';

/** Oldest first; the platform tables (outbox, inbox, dead letters) always come first. */
export const notificationsMigrations: Function[] = [PlatformTables1732400000000, NotificationsSchema1733000000000];
