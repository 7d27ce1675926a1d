export * from './dead-letter.entity';
export * from './dead-letter.repository';
export * from './dead-letters-rpc.route';
export * from './event-consumer-config';
export * from './event-consumer-host';
export * from './event-delivery';
export * from './event-handler.decorator';
export * from './event-stream';
export * from './events-settings';
export * from './inbox-entry.entity';
export * from './outbox';
export * from './outbox-event.entity';
export * from './outbox-relay';
export * from './outbox-trace.migration';
export * from './outbox.repository';
export * from './platform-tables.migration';

import { DeadLetterEntity } from './dead-letter.entity';
import { InboxEntryEntity } from './inbox-entry.entity';
import { OutboxEventEntity } from './outbox-event.entity';

/** Add to every service's entity list. */
export const platformEntities = [OutboxEventEntity, InboxEntryEntity, DeadLetterEntity];
