import { Controller, Get, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import {
  attendanceRpc,
  ClassSession,
  RosterEntry,
  RpcClient,
  SessionCancelRequest,
  SessionCreateRequest,
  SessionUpdateRequest,
  SessionWithCounts,
  type AuthContext,
} from '@tec/shared';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { Endpoint } from '../http/endpoint.decorator';
import { Input } from '../http/input.decorator';

const SessionParams = z.object({ sessionId: z.uuid() });
const ListQuery = z.object({
  courseId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  includeCancelled: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
const UpdateBody = SessionUpdateRequest.omit({ sessionId: true });
const CancelBody = SessionCancelRequest.omit({ sessionId: true });
const TEACHING = { kind: 'authenticated', roles: ['teacher', 'admin'] } as const;

/** Class sessions (the plan's `GET|POST|PUT /classes/sessions`; PUT takes the id in the path). */
@Controller('classes/sessions')
export class ClassSessionsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Endpoint({
    tag: 'attendance',
    summary:
      'Class sessions starting in [from, to) (default: 30 days ago to 90 days later), with live counts. Teachers see their courses, students their enrolled courses, admins all. `phase` is upcoming | open | closed | cancelled.',
    access: { kind: 'authenticated', roles: ['teacher', 'admin', 'student'] },
    query: ListQuery,
    response: z.object({ items: z.array(SessionWithCounts) }),
  })
  list(@Input('query') query: z.infer<typeof ListQuery>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(attendanceRpc.sessionsList, query, auth);
  }

  @Post()
  @Endpoint({
    tag: 'attendance',
    summary:
      'Schedule a session, or a weekly series with `recurrence` {weekdays (1 = Monday), until (date), timezone}: each meeting keeps the first one’s local time and duration (max 200). Optional geofence and IP allow-list (CIDR). Teachers of the course and admins.',
    access: TEACHING,
    body: SessionCreateRequest,
    response: z.object({ items: z.array(ClassSession), seriesId: z.uuid().nullable() }),
    status: 201,
  })
  create(@Input('body') body: z.infer<typeof SessionCreateRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(attendanceRpc.sessionsCreate, body, auth);
  }

  @Get(':sessionId')
  @Endpoint({ tag: 'attendance', summary: 'One session with its counts (members of the course)', access: { kind: 'authenticated' }, params: SessionParams, response: SessionWithCounts })
  get(@Input('params') params: z.infer<typeof SessionParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(attendanceRpc.sessionGet, params, auth);
  }

  @Put(':sessionId')
  @Endpoint({
    tag: 'attendance',
    summary: 'Edit a session that has not closed: times (the check-in window follows the policy), topic, geofence (null removes it), IP allow-list',
    access: TEACHING,
    params: SessionParams,
    body: UpdateBody,
    response: ClassSession,
  })
  update(@Input('params') params: z.infer<typeof SessionParams>, @Input('body') body: z.infer<typeof UpdateBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(attendanceRpc.sessionsUpdate, { ...body, sessionId: params.sessionId }, auth);
  }

  @Post(':sessionId/cancel')
  @Endpoint({
    tag: 'attendance',
    summary: 'Cancel a session, or it and the later sessions of its series (`scope: following`). Its records leave the statistics; the audit trail keeps them.',
    access: TEACHING,
    params: SessionParams,
    body: CancelBody,
    response: z.object({ cancelled: z.number().int() }),
  })
  cancel(@Input('params') params: z.infer<typeof SessionParams>, @Input('body') body: z.infer<typeof CancelBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(attendanceRpc.sessionsCancel, { ...body, sessionId: params.sessionId }, auth);
  }

  @Get(':sessionId/roster')
  @Endpoint({
    tag: 'attendance',
    summary: "The teacher's grid: every actively enrolled student with their record (null = unmarked) and flagged attempts. Live updates: join the socket room session:<id>.",
    access: TEACHING,
    params: SessionParams,
    response: z.object({ session: SessionWithCounts, items: z.array(RosterEntry) }),
  })
  roster(@Input('params') params: z.infer<typeof SessionParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(attendanceRpc.sessionRoster, params, auth);
  }
}
