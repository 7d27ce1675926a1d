import { Injectable } from '@nestjs/common';
import type { EventPayload } from '../contracts/event-contract';
import { parentPortalLinkEvents } from '../contracts/parent-portal/links.events';
import { EventHandler, type EventHandlerContext } from '../events/event-handler.decorator';
import { ParentLinksReadModel } from './parent-links.read-model';
import { RosterReadModel } from './roster.read-model';

/**
 * Keeps a service's `ParentLinksReadModel` (and the two people in its `RosterReadModel`) from the parent portal's
 * link events. Consumer names are persisted contracts (durables `<service>-parent-portal-link-*`): never rename.
 */
@Injectable()
export class ParentLinksHandlers {
  constructor(
    private readonly links: ParentLinksReadModel,
    private readonly roster: RosterReadModel,
  ) {}

  @EventHandler(parentPortalLinkEvents.linkActivated, { consumer: 'parent-portal-link-activated' })
  async activated(payload: EventPayload<typeof parentPortalLinkEvents.linkActivated>, { manager, envelope }: EventHandlerContext) {
    await this.roster.upsertUser(payload.parent, true, manager);
    await this.roster.upsertUser(payload.student, true, manager);
    await this.links.apply(
      {
        linkId: payload.linkId,
        parentId: payload.parent.id,
        studentId: payload.student.id,
        relationship: payload.relationship,
        active: true,
        changedAt: new Date(payload.activatedAt ?? envelope.occurredAt),
      },
      manager,
    );
  }

  @EventHandler(parentPortalLinkEvents.linkDeactivated, { consumer: 'parent-portal-link-deactivated' })
  async deactivated(payload: EventPayload<typeof parentPortalLinkEvents.linkDeactivated>, { manager, envelope }: EventHandlerContext) {
    await this.links.apply(
      {
        linkId: payload.linkId,
        parentId: payload.parentId,
        studentId: payload.studentId,
        relationship: null,
        active: false,
        changedAt: new Date(payload.deactivatedAt ?? envelope.occurredAt),
      },
      manager,
    );
  }
}
