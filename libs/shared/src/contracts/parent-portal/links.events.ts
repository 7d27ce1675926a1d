import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { EventUser } from '../core/events.contracts';

/**
 * Parent–child link events of the parent portal. A link is *active* once approved (and, for an adult student,
 * consented). Chat and attendance keep their own read model of active links from these two events, so they never
 * call the parent portal back. Subjects are persisted contracts: never rename one or change a payload
 * incompatibly in place; add `parent_portal.v2.<event>`, publish both, then retire v1.
 */
export const parentPortalLinkEvents = {
  linkActivated: defineEvent(
    'parent_portal.v1.link_activated',
    z.object({
      linkId: z.uuid(),
      parent: EventUser,
      student: EventUser,
      /** How the parent relates to the student, as recorded on the link (e.g. mother, father, guardian). */
      relationship: z.string().min(1).max(50),
    }),
    'A parent–child link became active (approved, and consented by an adult student): the parent may now see the child.',
  ),
  linkDeactivated: defineEvent(
    'parent_portal.v1.link_deactivated',
    z.object({
      linkId: z.uuid(),
      parentId: z.uuid(),
      studentId: z.uuid(),
      /** Why the link stopped being active (e.g. revoked, consent_withdrawn, account_deactivated). */
      reason: z.string().min(1).max(200),
    }),
    'A parent–child link stopped being active: the parent may no longer see the child.',
  ),
} as const;

export type ParentPortalLinkEvents = typeof parentPortalLinkEvents;
