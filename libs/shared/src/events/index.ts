export * from './dead-letter.entity';
export * from './inbox-entry.entity';
export * from './outbox';
export * from './outbox-event.entity';
export * from './platform-tables.migration';

import { DeadLetterEntity } from './dead-letter.entity';
import { InboxEntryEntity } from './inbox-entry.entity';
import { OutboxEventEntity } from './outbox-event.entity';

/** Add to every service's entity list. */
export const platformEntities = [OutboxEventEntity, InboxEntryEntity, DeadLetterEntity];
