import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, DATA_SOURCE, DomainError, inTransaction, type AuthContext, type LiveJoinLink } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { ClassesRepository } from '../classes/classes.repository';
import { ClassesService } from '../classes/classes.service';
import { MeetingSync } from '../classes/meeting-sync.service';
import type { LiveClassesConfig } from '../config';
import { MEETING_PROVIDERS, type MeetingProviders, type Person } from '../providers/meeting-provider';
import { RosterRepository } from '../roster/roster.repository';
import { ParticipantsRepository } from './participants.repository';

const MINUTE = 60_000;

/**
 * The join button. Only enrolled students and the course's teachers (and admins) get a link; students from
 * LIVE_CLASSES_JOIN_WINDOW_MINUTES before the start (teachers twice as early, to set up) until the end. A student
 * takes a seat on the first click, under a row lock so capacity holds under a rush; later clicks reuse the seat
 * and the personal link. Every click is recorded.
 */
@Injectable()
export class JoinService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: LiveClassesConfig,
    @Inject(MEETING_PROVIDERS) private readonly providers: MeetingProviders,
    private readonly classesService: ClassesService,
    private readonly classes: ClassesRepository,
    private readonly participants: ParticipantsRepository,
    private readonly roster: RosterRepository,
    private readonly meetings: MeetingSync,
  ) {}

  async join(auth: AuthContext, classId: string, now = new Date()): Promise<LiveJoinLink> {
    const { row, role, userId } = await this.classesService.visible(auth, classId);
    const host = role !== 'student';
    const windowMinutes = this.config.LIVE_CLASSES_JOIN_WINDOW_MINUTES * (host ? 2 : 1);
    if (row.status === 'cancelled') throw new DomainError('JOIN_WINDOW_CLOSED', 'This class was cancelled');
    if (row.status === 'completed' || now >= row.ends_at) throw new DomainError('JOIN_WINDOW_CLOSED', 'This class is over');
    const opensAt = new Date(row.starts_at.getTime() - windowMinutes * MINUTE);
    if (now < opensAt) throw new DomainError('JOIN_WINDOW_CLOSED', 'Joining opens shortly before the class starts', { opensAt: opensAt.toISOString() });
    const profile = await this.roster.profile(userId);
    if (!profile) throw DomainError.forbidden('Your profile is not known to live classes yet');
    const person: Person = { id: profile.id, firstName: profile.firstName, lastName: profile.lastName, email: profile.email };
    const withMeeting = await this.meetings.ensureMeeting(row);
    const meeting = { classId: row.id, meetingId: withMeeting.meeting_id };
    const provider = this.providers[row.provider];
    let url: string;
    if (host) {
      url = await provider.hostLink(meeting, person);
      await inTransaction(this.dataSource, (db) => this.participants.reserve(row.id, userId, 'host', db));
      await this.participants.setLink(row.id, userId, withMeeting.meeting_join_url ?? url, null);
    } else {
      url = await this.attendeeSeat(row.id, row.max_participants, userId, async () => provider.attendeeLink(meeting, person));
    }
    const joinClickId = randomUUID();
    await this.participants.recordClick(row.id, userId, joinClickId, now);
    return { classId: row.id, provider: row.provider, role: host ? 'host' : 'attendee', url, displayName: `${person.firstName} ${person.lastName}`, joinClickId };
  }

  private async attendeeSeat(classId: string, maxParticipants: number | null, userId: string, register: () => Promise<{ url: string; registrantId: string | null }>): Promise<string> {
    const existing = await this.participants.find(classId, userId);
    if (existing?.join_url) return existing.join_url;
    if (!existing) {
      await inTransaction(this.dataSource, async (db) => {
        await this.classes.lockById(classId, db);
        if (await this.participants.find(classId, userId, db)) return;
        if (maxParticipants !== null && (await this.participants.countAttendees(classId, db)) >= maxParticipants) {
          throw new DomainError('CLASS_FULL', 'This class is full', { maxParticipants });
        }
        await this.participants.reserve(classId, userId, 'attendee', db);
      });
    }
    try {
      const link = await register();
      await this.participants.setLink(classId, userId, link.url, link.registrantId);
      return link.url;
    } catch (error) {
      await this.participants.release(classId, userId);
      throw error;
    }
  }
}
