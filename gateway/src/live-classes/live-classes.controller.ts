import { Controller, Get, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import {
  ClassCancelRequest,
  ClassCreateRequest,
  ClassUpdateRequest,
  LIVE_CLASS_STATUSES,
  LiveAttendanceReport,
  LiveClass,
  liveClassesRpc,
  LiveJoinLink,
  RpcClient,
  type AuthContext,
} from '@tec/shared';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { Endpoint } from '../http/endpoint.decorator';
import { Input } from '../http/input.decorator';

const ClassParams = z.object({ classId: z.uuid() });
const ListQuery = z.object({
  courseId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  status: z.enum(LIVE_CLASS_STATUSES).optional(),
  includeCancelled: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
const UpdateBody = ClassUpdateRequest.omit({ classId: true });
const CancelBody = ClassCancelRequest.omit({ classId: true });
const TEACHING = { kind: 'authenticated', roles: ['teacher', 'admin'] } as const;
const MEMBERS = { kind: 'authenticated', roles: ['teacher', 'admin', 'student'] } as const;

/** Live classes: scheduling, the join button and the per-class attendance report. */
@Controller('live-classes')
export class LiveClassesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Endpoint({
    tag: 'live-classes',
    summary:
      'Live classes ending after `from` and starting before `to` (default: 30 days ago to 120 days later), oldest first. Teachers see their courses, students their enrolled courses, admins all. `joinOpensAt` is when the join button may be enabled; live updates of one class: socket room class:<id> (`live_class_status`, `live_question`).',
    access: MEMBERS,
    query: ListQuery,
    response: z.object({ items: z.array(LiveClass) }),
  })
  list(@Input('query') query: z.infer<typeof ListQuery>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(liveClassesRpc.classesList, query, auth);
  }

  @Post()
  @Endpoint({
    tag: 'live-classes',
    summary:
      'Schedule a live class, or a weekly series with `recurrence` {weekdays (1 = Monday), until (date)}: each class keeps the first one’s wall-clock time in `timezone` (default: the teacher’s) and its duration (max 100). A class overlapping another of the same teacher is refused (CONFLICT, details.conflicts). `provider` picks Zoom, Jitsi or development (default: the school’s; Zoom only when set up, else VALIDATION_FAILED on `provider`); the provider meeting is created after the commit. Teachers of the course and admins (an admin schedules for the course’s teacher).',
    access: TEACHING,
    body: ClassCreateRequest,
    response: z.object({ items: z.array(LiveClass), seriesId: z.uuid().nullable() }),
    status: 201,
  })
  create(@Input('body') body: z.infer<typeof ClassCreateRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(liveClassesRpc.classesCreate, body, auth);
  }

  @Get(':classId')
  @Endpoint({ tag: 'live-classes', summary: 'One live class (members of the course, admins)', access: MEMBERS, params: ClassParams, response: LiveClass })
  get(@Input('params') params: z.infer<typeof ClassParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(liveClassesRpc.classGet, params, auth);
  }

  @Put(':classId')
  @Endpoint({
    tag: 'live-classes',
    summary: 'Edit a scheduled class: name, description (null clears), times (overlap checked again), capacity (null = no limit), recording. The provider meeting follows.',
    access: TEACHING,
    params: ClassParams,
    body: UpdateBody,
    response: LiveClass,
  })
  update(@Input('params') params: z.infer<typeof ClassParams>, @Input('body') body: z.infer<typeof UpdateBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(liveClassesRpc.classesUpdate, { ...body, classId: params.classId }, auth);
  }

  @Post(':classId/cancel')
  @Endpoint({
    tag: 'live-classes',
    summary: 'Cancel a scheduled class, or it and the later classes of its series (`scope: following`). The provider meeting is deleted.',
    access: TEACHING,
    params: ClassParams,
    body: CancelBody,
    response: z.object({ cancelled: z.number().int() }),
  })
  cancel(@Input('params') params: z.infer<typeof ClassParams>, @Input('body') body: z.infer<typeof CancelBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(liveClassesRpc.classesCancel, { ...body, classId: params.classId }, auth);
  }

  @Post(':classId/join')
  @Endpoint({
    tag: 'live-classes',
    summary:
      'The caller’s personal link (open it in a new tab). Enrolled students from `joinOpensAt` to the end (JOIN_WINDOW_CLOSED otherwise), while seats last (CLASS_FULL; a student who has a seat always gets back in); teachers of the course get the host link earlier. Students outside the course get NOT_ENROLLED. Every click is recorded.',
    access: MEMBERS,
    params: ClassParams,
    response: LiveJoinLink,
  })
  join(@Input('params') params: z.infer<typeof ClassParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(liveClassesRpc.classJoin, params, auth);
  }

  @Get(':classId/attendance')
  @Endpoint({
    tag: 'live-classes',
    summary:
      'Attendance from presence once the class ended: minutes attended (union of in-meeting intervals clipped to the slot, waiting room excluded), share of the slot, participation score (80 × share + 20 × Q&A), first join, questions, votes and join clicks. Teachers see every enrolled student, a student their own row. Empty until computed.',
    access: MEMBERS,
    params: ClassParams,
    response: LiveAttendanceReport,
  })
  attendance(@Input('params') params: z.infer<typeof ClassParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(liveClassesRpc.attendanceReport, params, auth);
  }
}
