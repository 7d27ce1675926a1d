import { Injectable } from '@nestjs/common';
import { EventHandler, parentPortalEvents, type EventHandlerContext, type EventPayload } from '@tec/shared';
import { GuardianLinksRepository } from '../roster/guardian-links.repository';
import { RosterRepository } from '../roster/roster.repository';

/**
 * Keeps the active parent–child links from the parent portal, so a linked parent may request an excused absence
 * for their child. Consumer names are persisted contracts: never rename one in place.
 */
@Injectable()
export class ParentLinksHandlers {
  constructor(
    private readonly links: GuardianLinksRepository,
    private readonly roster: RosterRepository,
  ) {}

  @EventHandler(parentPortalEvents.linkActivated, { consumer: 'parent-portal-link-activated' })
  async activated(payload: EventPayload<typeof parentPortalEvents.linkActivated>, { manager, envelope }: EventHandlerContext) {
    await this.roster.upsertUser(payload.parent, true, manager);
    await this.roster.upsertUser(payload.student, true, manager);
    const changedAt = new Date(payload.activatedAt ?? envelope.occurredAt);
    await this.links.apply({ linkId: payload.linkId, parentId: payload.parent.id, studentId: payload.student.id, active: true, changedAt }, manager);
  }

  @EventHandler(parentPortalEvents.linkDeactivated, { consumer: 'parent-portal-link-deactivated' })
  async deactivated(payload: EventPayload<typeof parentPortalEvents.linkDeactivated>, { manager, envelope }: EventHandlerContext) {
    const changedAt = new Date(payload.deactivatedAt ?? envelope.occurredAt);
    await this.links.apply({ linkId: payload.linkId, parentId: payload.parentId, studentId: payload.studentId, active: false, changedAt }, manager);
  }
}
