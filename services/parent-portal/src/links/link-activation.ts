import { Injectable } from '@nestjs/common';
import { enqueueEvent, parentPortalEvents, type LinkDeactivationReason } from '@tec/shared';
import type { EntityManager } from 'typeorm';
import { ReadModelRepository } from '../read-model/read-model.repository';
import { LinksRepository, type LinkRow } from './links.repository';

/** Active = approved, not revoked, and consented to when the child is an adult. */
export function shouldBeActive(link: Pick<LinkRow, 'approval' | 'consent' | 'revoked_at' | 'adult'>): boolean {
  return link.approval === 'approved' && link.revoked_at === null && (!link.adult || link.consent === 'given');
}

/**
 * Moves `links.active` to what the rules say, for links already locked by the caller, and publishes
 * `link_activated` / `link_deactivated` on each transition in the same transaction (so chat and attendance follow).
 * Every parent read checks `links.active`, so a withdrawn consent cuts access with this commit.
 */
@Injectable()
export class LinkActivation {
  constructor(
    private readonly links: LinksRepository,
    private readonly readModel: ReadModelRepository,
  ) {}

  async apply(rows: LinkRow[], reason: LinkDeactivationReason, actor: { id: string | null; role: string | null }, db: EntityManager): Promise<void> {
    for (const row of rows) {
      const target = shouldBeActive(row);
      if (target === row.active) continue;
      await this.links.setActive(row.id, target, db);
      const now = new Date().toISOString();
      if (target) {
        const people = await this.readModel.profiles([row.parent_id, row.student_id], db);
        const parent = people.get(row.parent_id);
        const student = people.get(row.student_id);
        if (!parent || !student) throw new Error(`link ${row.id}: parent or student missing from the read model`);
        await enqueueEvent(db, parentPortalEvents.linkActivated, { linkId: row.id, parent, student, relationship: row.relationship, activatedAt: now });
        await this.links.audit({ linkId: row.id, studentId: row.student_id, action: 'activated', actorId: actor.id, actorRole: actor.role, note: null }, db);
      } else {
        await enqueueEvent(db, parentPortalEvents.linkDeactivated, {
          linkId: row.id,
          parentId: row.parent_id,
          studentId: row.student_id,
          reason,
          deactivatedAt: now,
        });
        await this.links.audit({ linkId: row.id, studentId: row.student_id, action: 'deactivated', actorId: actor.id, actorRole: actor.role, note: reason }, db);
      }
      row.active = target;
    }
  }

  /** After a fact about the student changed (date of birth, a bachelor enrollment): re-check all their links. */
  async recheckStudent(studentId: string, db: EntityManager): Promise<void> {
    const rows = await this.links.lockOpenOfStudent(studentId, db);
    await this.apply(rows, 'consent_required', { id: null, role: null }, db);
  }
}
