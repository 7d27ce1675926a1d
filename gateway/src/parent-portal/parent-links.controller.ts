import { Controller, Delete, Get, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import {
  LinkAuditEntry,
  LinkStatus,
  PairingCodeInfo,
  PairingCodeInput,
  ParentLink,
  parentPortalRpc,
  PortalSettings,
  Relationship,
  RpcClient,
  type AuthContext,
} from '@tec/shared';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { Endpoint } from '../http/endpoint.decorator';
import { Input } from '../http/input.decorator';

const LinkParams = z.object({ linkId: z.uuid() });
const CodeParams = z.object({ codeId: z.uuid() });
const StudentQuery = z.object({ studentId: z.uuid().optional() });
const Note = z.object({ note: z.string().trim().max(500).optional() });
const RedeemBody = z.object({ code: PairingCodeInput, relationship: Relationship });
const CreateBody = z.object({ parentId: z.uuid(), studentId: z.uuid(), relationship: Relationship, note: z.string().trim().max(500).optional() });
const ListQuery = z.object({ status: LinkStatus.optional(), studentId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(200).default(100) });
const ConsentBody = z.object({ consent: z.enum(['give', 'withdraw']) });

/** Pairing codes, parent–child links (request, approval queue, consent, revocation, history) and the approver setting. */
@Controller('parent-portal')
export class ParentLinksController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('pairing-codes')
  @Endpoint({
    tag: 'parent-portal',
    summary:
      'Make a pairing code (a student for themselves; an admin for `studentId`). The 6-character code is shown only in this reply and expires after 7 days; at most 5 active per student (PAIRING_CODE_LIMIT, 409).',
    access: { kind: 'authenticated', roles: ['student', 'admin'] },
    body: StudentQuery,
    response: PairingCodeInfo.extend({ code: z.string() }),
    status: 201,
  })
  createCode(@Input('body') body: z.infer<typeof StudentQuery>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(parentPortalRpc.pairingCodeCreate, body, auth);
  }

  @Get('pairing-codes')
  @Endpoint({
    tag: 'parent-portal',
    summary: 'Active (unused, unexpired) pairing codes: a student their own, an admin those of `studentId`. The code itself is never shown again, only its last two characters.',
    access: { kind: 'authenticated', roles: ['student', 'admin'] },
    query: StudentQuery,
    response: z.object({ items: z.array(PairingCodeInfo) }),
  })
  listCodes(@Input('query') query: z.infer<typeof StudentQuery>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(parentPortalRpc.pairingCodesList, query, auth);
  }

  @Delete('pairing-codes/:codeId')
  @Endpoint({
    tag: 'parent-portal',
    summary: 'Revoke an unused pairing code (its student, or an admin).',
    access: { kind: 'authenticated', roles: ['student', 'admin'] },
    params: CodeParams,
    response: z.object({ revoked: z.boolean() }),
  })
  revokeCode(@Input('params') params: z.infer<typeof CodeParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(parentPortalRpc.pairingCodeRevoke, params, auth);
  }

  @Post('links/redeem')
  @Endpoint({
    tag: 'parent-portal',
    summary:
      'A parent enters a pairing code (case, spaces and dashes ignored) and the relationship: a link pending approval. A wrong, used or expired code is PAIRING_CODE_INVALID (400, `details.attemptsLeft`); after 5 failures in 15 minutes the account is locked for 15 minutes (RATE_LIMITED, 429, `details.retryAfterSeconds`). ALREADY_EXISTS (409) when a link to that student is already pending or active.',
    access: { kind: 'authenticated', roles: ['parent'] },
    body: RedeemBody,
    response: ParentLink,
    status: 201,
  })
  redeem(@Input('body') body: z.infer<typeof RedeemBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(parentPortalRpc.linkRedeem, body, auth);
  }

  @Post('links')
  @Endpoint({
    tag: 'parent-portal',
    summary: 'An admin links a parent to a student directly (approved at once; an adult student still has to consent before it is active).',
    access: { kind: 'authenticated', roles: ['admin'] },
    body: CreateBody,
    response: ParentLink,
    status: 201,
  })
  create(@Input('body') body: z.infer<typeof CreateBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(parentPortalRpc.linkCreate, body, auth);
  }

  @Get('links')
  @Endpoint({
    tag: 'parent-portal',
    summary:
      "Links, newest first, scoped by role: a parent's own, a student's own (\"linked parents\"), and for approvers the approval queue (`status=pending_approval`): admins all, course teachers their students' when the school lets teachers approve (FORBIDDEN otherwise).",
    access: { kind: 'authenticated', roles: ['parent', 'student', 'teacher', 'admin'] },
    query: ListQuery,
    response: z.object({ items: z.array(ParentLink) }),
  })
  list(@Input('query') query: z.infer<typeof ListQuery>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(parentPortalRpc.linksList, query, auth);
  }

  @Post('links/:linkId/approve')
  @Endpoint({
    tag: 'parent-portal',
    summary: 'Approve a pending link (admins; a course teacher of the child when the school allows). CONFLICT (409) unless pending.',
    access: { kind: 'authenticated', roles: ['admin', 'teacher'] },
    params: LinkParams,
    body: Note,
    response: ParentLink,
  })
  approve(@Input('params') params: z.infer<typeof LinkParams>, @Input('body') body: z.infer<typeof Note>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(parentPortalRpc.linkApprove, { ...body, linkId: params.linkId }, auth);
  }

  @Post('links/:linkId/reject')
  @Endpoint({
    tag: 'parent-portal',
    summary: 'Reject a pending link (same approvers). CONFLICT (409) unless pending.',
    access: { kind: 'authenticated', roles: ['admin', 'teacher'] },
    params: LinkParams,
    body: Note,
    response: ParentLink,
  })
  reject(@Input('params') params: z.infer<typeof LinkParams>, @Input('body') body: z.infer<typeof Note>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(parentPortalRpc.linkReject, { ...body, linkId: params.linkId }, auth);
  }

  @Post('links/:linkId/revoke')
  @Endpoint({
    tag: 'parent-portal',
    summary: 'End a link for good: its parent, an admin, or the student when an adult. Access stops with this request.',
    access: { kind: 'authenticated', roles: ['parent', 'student', 'admin'] },
    params: LinkParams,
    body: Note,
    response: ParentLink,
  })
  revoke(@Input('params') params: z.infer<typeof LinkParams>, @Input('body') body: z.infer<typeof Note>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(parentPortalRpc.linkRevoke, { ...body, linkId: params.linkId }, auth);
  }

  @Post('links/:linkId/consent')
  @Endpoint({
    tag: 'parent-portal',
    summary: 'An adult student (18+ or a bachelor student) gives or withdraws consent to a link; withdrawing cuts the parent off at once. FORBIDDEN for minors.',
    access: { kind: 'authenticated', roles: ['student'] },
    params: LinkParams,
    body: ConsentBody,
    response: ParentLink,
  })
  consent(@Input('params') params: z.infer<typeof LinkParams>, @Input('body') body: z.infer<typeof ConsentBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(parentPortalRpc.linkConsent, { ...body, linkId: params.linkId }, auth);
  }

  @Get('links/:linkId/history')
  @Endpoint({
    tag: 'parent-portal',
    summary: 'Every change of a link (requested, approved, consent, activated, revoked …) with who and when: its parent, its student, admins.',
    access: { kind: 'authenticated', roles: ['parent', 'student', 'admin'] },
    params: LinkParams,
    response: z.object({ items: z.array(LinkAuditEntry) }),
  })
  history(@Input('params') params: z.infer<typeof LinkParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(parentPortalRpc.linkHistory, params, auth);
  }

  @Get('settings')
  @Endpoint({
    tag: 'parent-portal',
    summary: 'Who approves links besides admins: `admin` (admins only) or `course_teacher` (also a teacher of one of the child’s courses).',
    access: { kind: 'authenticated', roles: ['admin', 'teacher'] },
    response: PortalSettings,
  })
  settings(@CurrentAuth() auth: AuthContext) {
    return this.rpc.call(parentPortalRpc.settingsGet, {}, auth);
  }

  @Put('settings')
  @Endpoint({
    tag: 'parent-portal',
    summary: 'Choose who approves links (admins).',
    access: { kind: 'authenticated', roles: ['admin'] },
    body: PortalSettings,
    response: PortalSettings,
  })
  updateSettings(@Input('body') body: z.infer<typeof PortalSettings>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(parentPortalRpc.settingsUpdate, body, auth);
  }
}
