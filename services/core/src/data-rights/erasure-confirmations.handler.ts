import { Injectable } from '@nestjs/common';
import { EventHandler, userErasedEvents, type UserErasedPayload } from '@tec/shared';
import type { EventHandlerContext } from '@tec/shared';
import { DataRightsRepository } from './data-rights.repository';

/** Each service's `<domain>.v1.user_erased` marks its part of the erasure done (a redelivery changes nothing). */
@Injectable()
export class ErasureConfirmationsHandler {
  constructor(private readonly repository: DataRightsRepository) {}

  private confirm(payload: UserErasedPayload, { manager }: EventHandlerContext): Promise<void> {
    return this.repository.confirm(payload.erasureId, payload.service, payload.summary, manager);
  }

  @EventHandler(userErasedEvents.notifications, { consumer: 'erasure-confirmed-notifications' })
  notifications(payload: UserErasedPayload, context: EventHandlerContext) {
    return this.confirm(payload, context);
  }

  @EventHandler(userErasedEvents.attendance, { consumer: 'erasure-confirmed-attendance' })
  attendance(payload: UserErasedPayload, context: EventHandlerContext) {
    return this.confirm(payload, context);
  }

  @EventHandler(userErasedEvents.chat, { consumer: 'erasure-confirmed-chat' })
  chat(payload: UserErasedPayload, context: EventHandlerContext) {
    return this.confirm(payload, context);
  }

  @EventHandler(userErasedEvents['live-classes'], { consumer: 'erasure-confirmed-live-classes' })
  liveClasses(payload: UserErasedPayload, context: EventHandlerContext) {
    return this.confirm(payload, context);
  }

  @EventHandler(userErasedEvents['parent-portal'], { consumer: 'erasure-confirmed-parent-portal' })
  parentPortal(payload: UserErasedPayload, context: EventHandlerContext) {
    return this.confirm(payload, context);
  }
}
