import { Inject, Injectable } from '@nestjs/common';
import { enqueueEvent, liveClassesEvents, type LiveAttendanceReport, type AuthContext } from '@tec/shared';
import type { EntityManager } from 'typeorm';
import { eventCourse, toEventClass } from '../classes/class.mapper';
import { ClassesRepository, type ClassRow } from '../classes/classes.repository';
import { ClassesService } from '../classes/classes.service';
import { ParticipantsRepository } from '../joining/participants.repository';
import { MEETING_PROVIDERS, type MeetingProviders } from '../providers/meeting-provider';
import { QuestionsRepository } from '../questions/questions.repository';
import { RosterRepository } from '../roster/roster.repository';
import { participationScore, summarizePresence, type PresenceEvent } from './intervals';
import { PresenceRepository } from './presence.repository';

const MINUTE = 60_000;
const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/**
 * Attendance from presence, once a class has ended (and again, as a new revision, when late webhooks change it):
 * one result per actively enrolled student, stored and published as `live_classes.v1.attendance_computed` in the
 * same transaction. With a provider that sends webhooks (Zoom), presence is the join/leave intervals; without (or
 * when no presence webhook arrived for the class), a student counts from their first join click to the end.
 */
@Injectable()
export class AttendanceComputer {
  constructor(
    @Inject(MEETING_PROVIDERS) private readonly providers: MeetingProviders,
    private readonly classes: ClassesRepository,
    private readonly classesService: ClassesService,
    private readonly roster: RosterRepository,
    private readonly presence: PresenceRepository,
    private readonly participants: ParticipantsRepository,
    private readonly questions: QuestionsRepository,
  ) {}

  async compute(classId: string, now: Date, db: EntityManager): Promise<void> {
    const row = (await this.classes.findById(classId, db))!;
    if (row.status !== 'completed') return;
    const slot = { start: row.starts_at.getTime(), end: row.ends_at.getTime() };
    const meetingEnd = (row.ended_at ?? row.ends_at).getTime();
    const students = await this.roster.activeStudentProfiles(row.course_id, db);
    const clicks = await this.participants.clicks(classId, db);
    const events = new Map<string, PresenceEvent[]>();
    const add = (userId: string, event: PresenceEvent) => events.set(userId, [...(events.get(userId) ?? []), event]);
    const presence = this.providers[row.provider].hasWebhooks ? await this.presence.forClass(classId, db) : [];
    if (presence.length > 0) {
      for (const event of presence) add(event.user_id, { participantKey: event.participant_key, kind: event.kind, at: event.at.getTime() });
    } else {
      // No presence: a provider without webhooks, or Zoom webhooks that never arrived (misconfigured subscription).
      // Join clicks are then the best evidence, rather than marking the whole class absent.
      for (const click of clicks) add(click.user_id, { participantKey: 'join-click', kind: 'joined', at: click.clicked_at.getTime() });
    }
    const clickCounts = new Map<string, number>();
    for (const click of clicks) clickCounts.set(click.user_id, (clickCounts.get(click.user_id) ?? 0) + 1);
    const activity = await this.questions.activity(classId, db);
    const slotMs = slot.end - slot.start;
    const results = students.map((student) => {
      const summary = summarizePresence(events.get(student.id) ?? [], slot, meetingEnd);
      const ratio = slotMs > 0 ? summary.attendedMs / slotMs : 0;
      const qa = activity.get(student.id) ?? { asked: 0, votes: 0 };
      return {
        student,
        minutesAttended: round(summary.attendedMs / MINUTE, 2),
        attendedRatio: round(ratio, 4),
        score: participationScore(ratio, qa.asked, qa.votes),
        firstJoinedAt: summary.firstJoinedAt === null ? null : new Date(summary.firstJoinedAt),
        questionsAsked: qa.asked,
        votesGiven: qa.votes,
        joinClicks: clickCounts.get(student.id) ?? 0,
      };
    });
    await this.presence.replaceResults(
      classId,
      results.map((result) => ({
        student_id: result.student.id,
        minutes_attended: result.minutesAttended,
        attended_ratio: result.attendedRatio,
        score: result.score,
        first_joined_at: result.firstJoinedAt,
        questions_asked: result.questionsAsked,
        votes_given: result.votesGiven,
        join_clicks: result.joinClicks,
      })),
      now,
      db,
    );
    const revision = await this.classes.markAttendanceComputed(classId, now, db);
    await enqueueEvent(db, liveClassesEvents.attendanceComputed, {
      class: toEventClass(row),
      course: eventCourse(row),
      slot: { startsAt: row.starts_at.toISOString(), endsAt: row.ends_at.toISOString() },
      results: results.map((result) => ({
        student: result.student,
        minutesAttended: result.minutesAttended,
        attendedRatio: result.attendedRatio,
        score: result.score,
        firstJoinedAt: result.firstJoinedAt?.toISOString() ?? null,
      })),
      computedAt: now.toISOString(),
      revision,
    });
  }

  /** Teachers of the course and admins see every student; a student sees their own row. */
  async report(auth: AuthContext, classId: string): Promise<LiveAttendanceReport> {
    const { row, role, userId } = await this.classesService.visible(auth, classId);
    const rows = await this.presence.results(classId, role === 'student' ? userId : undefined);
    return {
      class: this.classesService.toDto(row),
      computedAt: (row as ClassRow).attendance_computed_at?.toISOString() ?? null,
      items: rows.map((result) => ({
        student: { id: result.student_id, firstName: result.first_name, lastName: result.last_name, email: result.email },
        minutesAttended: result.minutes_attended,
        attendedRatio: result.attended_ratio,
        score: result.score,
        firstJoinedAt: result.first_joined_at?.toISOString() ?? null,
        questionsAsked: result.questions_asked,
        votesGiven: result.votes_given,
        joinClicks: result.join_clicks,
      })),
    };
  }
}
