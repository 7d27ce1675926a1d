import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, DATA_SOURCE, DomainError, type AuthContext, type LiveCalendarFeedInfo } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { ClassesRepository } from '../classes/classes.repository';
import { requireUser } from '../common/access';
import type { LiveClassesConfig } from '../config';
import { RosterRepository } from '../roster/roster.repository';
import { buildCalendar } from './ical';

const DAY = 86_400_000;

/**
 * A per-user iCalendar feed of live classes (the courses one teaches or takes), for calendar apps that can't sign
 * in: the secret token in the URL is the credential (256 random bits). Rotating it kills the old URL at once.
 */
@Injectable()
export class CalendarService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: LiveClassesConfig,
    private readonly classes: ClassesRepository,
    private readonly roster: RosterRepository,
  ) {}

  async info(auth: AuthContext): Promise<LiveCalendarFeedInfo> {
    const user = requireUser(auth);
    await this.dataSource.query(`INSERT INTO "live_classes"."calendar_tokens" (user_id, token) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING`, [user.userId, newToken()]);
    const [row] = await this.dataSource.query<{ token: string; created_at: Date }[]>(`SELECT token, created_at FROM "live_classes"."calendar_tokens" WHERE user_id = $1`, [user.userId]);
    return this.toInfo(row!);
  }

  async rotate(auth: AuthContext): Promise<LiveCalendarFeedInfo> {
    const user = requireUser(auth);
    const [row] = await this.dataSource.query<{ token: string; created_at: Date }[]>(
      `INSERT INTO "live_classes"."calendar_tokens" (user_id, token) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET token = EXCLUDED.token, created_at = now() RETURNING token, created_at`,
      [user.userId, newToken()],
    );
    return this.toInfo(row!);
  }

  /** The feed for a token (called by the gateway for the public URL). Unknown tokens are NOT_FOUND. */
  async feed(token: string, now = new Date()): Promise<{ contentType: 'text/calendar; charset=utf-8'; body: string; filename: string }> {
    const [owner] = await this.dataSource.query<{ user_id: string }[]>(`SELECT user_id FROM "live_classes"."calendar_tokens" WHERE token = $1`, [token]);
    if (!owner) throw DomainError.notFound('Calendar feed');
    const profile = await this.roster.profile(owner.user_id);
    const courseIds = profile?.role === 'teacher' ? await this.roster.courseIdsTaughtBy(owner.user_id) : profile?.role === 'student' ? await this.roster.courseIdsOfStudent(owner.user_id) : [];
    const rows = await this.classes.forCalendar(courseIds, new Date(now.getTime() - 30 * DAY), new Date(now.getTime() + 365 * DAY));
    const app = this.config.PUBLIC_APP_URL.replace(/\/$/, '');
    const body = buildCalendar(
      'TEC live classes',
      rows.map((row) => ({
        uid: `live-class-${row.id}@tec-lms-engage`,
        summary: `${row.course_code}: ${row.name}`,
        description: [row.description, `Join from ${app}/live-classes/${row.id}`].filter(Boolean).join('\n\n'),
        url: `${app}/live-classes/${row.id}`,
        location: 'Online (live class)',
        startsAt: row.starts_at,
        endsAt: row.ends_at,
        status: row.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
        sequence: Math.floor(row.updated_at.getTime() / 1000) - Math.floor(row.created_at.getTime() / 1000),
        lastModified: row.updated_at,
      })),
      now,
    );
    return { contentType: 'text/calendar; charset=utf-8', body, filename: 'live-classes.ics' };
  }

  private toInfo(row: { token: string; created_at: Date }): LiveCalendarFeedInfo {
    return { token: row.token, path: `/api/v1/live-classes/calendar/${row.token}.ics`, createdAt: row.created_at.toISOString() };
  }
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}
