import { Controller, Get, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { LiveCalendarFeedInfo, LiveClassProviders, liveClassesRpc, LiveRecording, RpcClient, type AuthContext } from '@tec/shared';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { Endpoint } from '../http/endpoint.decorator';
import { Input } from '../http/input.decorator';

const RecordingsQuery = z.object({ courseId: z.uuid().optional(), classId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(200).default(100) });
const FeedParams = z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{20,100}\.ics$/, 'a feed file name <token>.ics') });
const SIGNED_IN = { kind: 'authenticated', roles: ['teacher', 'admin', 'student'] } as const;

/**
 * Providers, recordings and the calendar feed. Registered before LiveClassesController so `recordings` and `calendar` are not
 * taken for a class id.
 */
@Controller('live-classes')
export class LiveClassLibraryController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('providers')
  @Endpoint({
    tag: 'live-classes',
    summary: 'The video providers a new class may use (`available`; Zoom only when the school set it up) and the default one',
    access: { kind: 'authenticated', roles: ['teacher', 'admin'] },
    response: LiveClassProviders,
  })
  providers(@CurrentAuth() auth: AuthContext) {
    return this.rpc.call(liveClassesRpc.providersInfo, {}, auth);
  }

  @Get('recordings')
  @Endpoint({ tag: 'live-classes', summary: 'Recordings of the classes the caller may see (the course’s students and teachers, admins), newest first', access: SIGNED_IN, query: RecordingsQuery, response: z.object({ items: z.array(LiveRecording) }) })
  recordings(@Input('query') query: z.infer<typeof RecordingsQuery>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(liveClassesRpc.recordingsList, query, auth);
  }

  @Get('calendar')
  @Endpoint({
    tag: 'live-classes',
    summary: 'The caller’s iCalendar feed URL (created on first call): subscribe to `path` from a calendar app. The token in it is a secret.',
    access: SIGNED_IN,
    response: LiveCalendarFeedInfo,
  })
  calendarInfo(@CurrentAuth() auth: AuthContext) {
    return this.rpc.call(liveClassesRpc.calendarFeedInfo, {}, auth);
  }

  @Post('calendar/rotate')
  @Endpoint({ tag: 'live-classes', summary: 'A new secret feed URL; the old one stops working at once', access: SIGNED_IN, response: LiveCalendarFeedInfo })
  rotate(@CurrentAuth() auth: AuthContext) {
    return this.rpc.call(liveClassesRpc.calendarFeedRotate, {}, auth);
  }

  @Get('calendar/:file')
  @Endpoint({
    tag: 'live-classes',
    summary: 'The iCalendar (RFC 5545) feed of a user’s live classes, text/calendar, no sign-in: the secret token in the file name is the credential (NOT_FOUND when unknown or rotated).',
    access: { kind: 'public' },
    params: FeedParams,
    response: z.string(),
  })
  async feed(@Input('params') params: z.infer<typeof FeedParams>, @Res({ passthrough: true }) response: Response) {
    const feed = await this.rpc.call(liveClassesRpc.calendarFeed, { token: params.file.slice(0, -'.ics'.length) }, { kind: 'service', service: 'gateway' });
    response.setHeader('Content-Type', feed.contentType);
    response.setHeader('Content-Disposition', `inline; filename="${feed.filename}"`);
    response.setHeader('Cache-Control', 'private, max-age=300');
    return feed.body;
  }
}
