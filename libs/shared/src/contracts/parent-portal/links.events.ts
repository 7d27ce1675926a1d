import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { EventUser } from '../core/events.contracts';
import { Relationship } from './parent-portal.dto';

/**
 * Parent–child link events of the parent portal. A link is *active* once approved (and, for an adult student,
 * consented). Chat and attendance keep their own read model of active links from these two events, so they never
 * call the parent portal back. Subjects are persisted contracts: never rename one or change a payload
 * incompatibly in place; add `parent_portal.v2.<event>`, publish both, then retire v1.
 */
export const parentPortalLinkEvents = {
  linkRequested: defineEvent(
    'parent_portal.v1.link_requested',
    z.object({
      linkId: z.uuid(),
      parent: EventUser,
      student: EventUser,
      relationship: Relationship,
      /** Who may approve it now: admins, plus the child's course teachers when the school lets teachers approve. */
      approvers: z.array(EventUser),
      /** The student is an adult (18+ or a bachelor student): they are asked to consent as well. */
      consentRequired: z.boolean(),
      requestedAt: z.iso.datetime(),
    }),
    'A parent redeemed a pairing code: the link waits for approval (and, for an adult student, their consent).',
  ),
  linkActivated: defineEvent(
    'parent_portal.v1.link_activated',
    z.object({
      linkId: z.uuid(),
      parent: EventUser,
      student: EventUser,
      /** How the parent relates to the student, as recorded on the link (the parent portal sends parent, guardian or other). */
      relationship: z.string().min(1).max(50),
      /** When it became active (the parent portal always sets it). */
      activatedAt: z.iso.datetime().optional(),
    }),
    'A parent–child link became active (approved, and consented by an adult student): the parent may now see the child.',
  ),
  linkDeactivated: defineEvent(
    'parent_portal.v1.link_deactivated',
    z.object({
      linkId: z.uuid(),
      parentId: z.uuid(),
      studentId: z.uuid(),
      /** Why the link stopped being active (the parent portal sends one of LINK_DEACTIVATION_REASONS: revoked_by_admin, revoked_by_parent, revoked_by_student, consent_withdrawn, consent_required). */
      reason: z.string().min(1).max(200),
      /** When it stopped (the parent portal always sets it). */
      deactivatedAt: z.iso.datetime().optional(),
    }),
    'A parent–child link stopped being active: the parent may no longer see the child.',
  ),
} as const;

export type ParentPortalLinkEvents = typeof parentPortalLinkEvents;
