import { Injectable } from '@nestjs/common';
import { coreEvents, EventHandler, type EventHandlerContext, type EventPayload } from '@tec/shared';
import { RecipientsRepository } from './recipients.repository';

/** Keeps the users read model (address, name, role, timezone) current. Consumer names are persisted contracts. */
@Injectable()
export class UserEventsHandler {
  constructor(private readonly recipients: RecipientsRepository) {}

  @EventHandler(coreEvents.userCreated, { consumer: 'user-created' })
  async created(payload: EventPayload<typeof coreEvents.userCreated>, { manager }: EventHandlerContext): Promise<void> {
    await this.recipients.upsert(manager, payload.user, payload.active);
  }

  @EventHandler(coreEvents.userUpdated, { consumer: 'user-updated' })
  async updated(payload: EventPayload<typeof coreEvents.userUpdated>, { manager }: EventHandlerContext): Promise<void> {
    await this.recipients.upsert(manager, payload.user, payload.active);
  }
}
