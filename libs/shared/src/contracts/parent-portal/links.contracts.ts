import { z } from 'zod';
import { defineRpc } from '../rpc-contract';
import { LinkAuditEntry, LinkStatus, PairingCodeInfo, ParentLink, PortalSettings, Relationship } from './parent-portal.dto';

/** Crockford-style: no 0/O, 1/I/L, so a code read aloud or off a phone is unambiguous. */
export const PAIRING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PAIRING_CODE_LENGTH = 6;
/** Parents may type lower case, spaces or a dash; the service normalises before hashing. */
export const PairingCodeInput = z
  .string()
  .trim()
  .max(20)
  .transform((value) => value.toUpperCase().replace(/[\s-]/g, ''));

const LinkRef = z.object({ linkId: z.uuid() });

/** A student for themselves; an admin for any student (`studentId`). At most 5 active codes per student. */
export const pairingCodeCreate = defineRpc(
  'parent-portal',
  'pairingCodeCreate',
  z.object({ studentId: z.uuid().optional() }),
  PairingCodeInfo.extend({ code: z.string() }),
);
/** Active (unused, unexpired) codes: a student's own; an admin's for `studentId`. */
export const pairingCodesList = defineRpc(
  'parent-portal',
  'pairingCodesList',
  z.object({ studentId: z.uuid().optional() }),
  z.object({ items: z.array(PairingCodeInfo) }),
);
export const pairingCodeRevoke = defineRpc('parent-portal', 'pairingCodeRevoke', z.object({ codeId: z.uuid() }), z.object({ revoked: z.boolean() }));

/** A parent redeems a code: a pending link. Wrong, used or expired codes all answer PAIRING_CODE_INVALID; too many failures RATE_LIMITED. */
export const linkRedeem = defineRpc('parent-portal', 'linkRedeem', z.object({ code: PairingCodeInput, relationship: Relationship }), ParentLink);
/** Admin only: link directly (approved at once; an adult child still has to consent). */
export const linkCreate = defineRpc(
  'parent-portal',
  'linkCreate',
  z.object({ parentId: z.uuid(), studentId: z.uuid(), relationship: Relationship, note: z.string().trim().max(500).optional() }),
  ParentLink,
);
/**
 * Role-scoped: a parent's own links, a student's own links, and for approvers (admins; course teachers when the
 * school allows) the links of the children they may approve. `status` filters (the approval queue is `pending_approval`).
 */
export const linksList = defineRpc(
  'parent-portal',
  'linksList',
  z.object({ status: LinkStatus.optional(), studentId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(200).default(100) }),
  z.object({ items: z.array(ParentLink) }),
);
export const linkApprove = defineRpc('parent-portal', 'linkApprove', LinkRef.extend({ note: z.string().trim().max(500).optional() }), ParentLink);
export const linkReject = defineRpc('parent-portal', 'linkReject', LinkRef.extend({ note: z.string().trim().max(500).optional() }), ParentLink);
/** The parent, the student or an admin ends a link for good. */
export const linkRevoke = defineRpc('parent-portal', 'linkRevoke', LinkRef.extend({ note: z.string().trim().max(500).optional() }), ParentLink);
/** The adult student gives or withdraws consent; withdrawing cuts the parent's access at once. */
export const linkConsent = defineRpc('parent-portal', 'linkConsent', LinkRef.extend({ consent: z.enum(['give', 'withdraw']) }), ParentLink);
/** Every change of one link: its parent, its student, an admin. */
export const linkHistory = defineRpc('parent-portal', 'linkHistory', LinkRef, z.object({ items: z.array(LinkAuditEntry) }));

export const settingsGet = defineRpc('parent-portal', 'settingsGet', z.object({}), PortalSettings);
export const settingsUpdate = defineRpc('parent-portal', 'settingsUpdate', PortalSettings, PortalSettings);


