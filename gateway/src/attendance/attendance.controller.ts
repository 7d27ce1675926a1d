import { Controller, Get, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import {
  AuditEntry,
  AuditListRequest,
  attendanceRpc,
  BulkMarkRequest,
  BulkMarkResult,
  CheckInBody,
  CheckInResult,
  FlaggedCheckIn,
  MarkRequest,
  MarkResult,
  QrTokenView,
  RpcClient,
  type AuthContext,
} from '@tec/shared';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { Endpoint } from '../http/endpoint.decorator';
import { Input } from '../http/input.decorator';

const SessionBody = z.object({ sessionId: z.uuid() });
const FlaggedQuery = z.object({ sessionId: z.uuid() });
const TEACHING = { kind: 'authenticated', roles: ['teacher', 'admin'] } as const;

/** QR check-in and teachers' marking (the plan's `POST /attendance/mark` and `POST /attendance/generate-qr`). */
@Controller('attendance')
export class AttendanceController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('generate-qr')
  @Endpoint({
    tag: 'attendance',
    summary:
      'The projector’s current check-in token and the URL to encode as a QR code (`<app>/check-in?t=<token>`). Tokens rotate every `rotationSeconds` (15): call again after `refreshAfterMs`. Refused with SESSION_CLOSED once check-in has closed.',
    access: TEACHING,
    body: SessionBody,
    response: QrTokenView,
  })
  generateQr(@Input('body') body: z.infer<typeof SessionBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(attendanceRpc.generateQr, body, auth);
  }

  @Post('check-in')
  @Endpoint({
    tag: 'attendance',
    summary:
      'A student checks in with the token from the scanned URL and a device id the app keeps in localStorage (plus the browser position when the session has a geofence). Status (present/late) comes from the server clock. Refusals: TOKEN_EXPIRED (401: scan again), TOKEN_INVALID (401), SESSION_CLOSED (409), NOT_ENROLLED (403), OUTSIDE_GEOFENCE (403), NETWORK_NOT_ALLOWED (403), DEVICE_ALREADY_USED (409, flagged to the teacher), ALREADY_CHECKED_IN (409, details.status).',
    access: { kind: 'authenticated', roles: ['student'] },
    body: CheckInBody,
    response: CheckInResult,
  })
  checkIn(@Input('body') body: z.infer<typeof CheckInBody>, @Req() request: Request, @CurrentAuth() auth: AuthContext) {
    // The address and user agent come from the connection, never from the body.
    const client = { ip: request.ip?.slice(0, 64) ?? null, userAgent: request.header('user-agent')?.slice(0, 512) ?? null };
    return this.rpc.call(attendanceRpc.checkIn, { ...body, client }, auth);
  }

  @Post('mark')
  @Endpoint({
    tag: 'attendance',
    summary: 'Mark one student present, late, absent or excused, with a note (teachers of the course and admins). A manual mark overrides QR and automatic marks; every change is audited.',
    access: TEACHING,
    body: MarkRequest,
    response: MarkResult,
  })
  mark(@Input('body') body: z.infer<typeof MarkRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(attendanceRpc.mark, body, auth);
  }

  @Post('mark/bulk')
  @Endpoint({
    tag: 'attendance',
    summary: 'Mark a whole class in one atomic request: `allStatus` for every enrolled student ("all present"), then `marks` as exceptions. One refused student (NOT_ENROLLED, details.studentIds) changes nothing.',
    access: TEACHING,
    body: BulkMarkRequest,
    response: BulkMarkResult,
  })
  markBulk(@Input('body') body: z.infer<typeof BulkMarkRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(attendanceRpc.markBulk, body, auth);
  }

  @Get('audit')
  @Endpoint({
    tag: 'attendance',
    summary: 'The audit trail (who, when, from → to, method: qr_code | manual | bulk | live_class | auto | exemption), newest first, by session or course (and student); page with `before` = nextCursor',
    access: TEACHING,
    query: AuditListRequest,
    response: z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() }),
  })
  audit(@Input('query') query: z.infer<typeof AuditListRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(attendanceRpc.auditList, query, auth);
  }

  @Get('flagged')
  @Endpoint({
    tag: 'attendance',
    summary: 'Suspicious check-in attempts of a session: a device used for a second student, a position outside the geofence, an address outside the allow-list',
    access: TEACHING,
    query: FlaggedQuery,
    response: z.object({ items: z.array(FlaggedCheckIn) }),
  })
  flagged(@Input('query') query: z.infer<typeof FlaggedQuery>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(attendanceRpc.flaggedList, query, auth);
  }
}
