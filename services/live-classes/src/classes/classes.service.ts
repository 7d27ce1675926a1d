import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  CONFIG,
  DATA_SOURCE,
  DomainError,
  enqueueEvent,
  inTransaction,
  LIVE_CLASS_PROVIDERS,
  liveClassesEvents,
  type AuthContext,
  type LiveClass,
  type LiveClassProvider,
  type RpcParsedRequest,
  type RpcResponse,
  type UserProfile,
  type liveClassesRpc,
} from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { actorUserId, isAdmin, requireUser } from '../common/access';
import type { LiveClassesConfig } from '../config';
import { ClassPush } from '../realtime/class-push';
import { CourseAccess } from '../roster/course-access.service';
import { RosterRepository } from '../roster/roster.repository';
import { eventCourse, toEventClass, toLiveClass } from './class.mapper';
import { ClassesRepository, type ClassChanges, type ClassRow } from './classes.repository';
import { MeetingSync } from './meeting-sync.service';
import { expandWeeklySeries, MAX_SERIES_CLASSES, overlapping } from './schedule';

type Rpc = typeof liveClassesRpc;
const DAY = 86_400_000;

/** Scheduling live classes: single or weekly, edit, cancel (with the provider meeting kept in step), and lists. */
@Injectable()
export class ClassesService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: LiveClassesConfig,
    private readonly classes: ClassesRepository,
    private readonly roster: RosterRepository,
    private readonly access: CourseAccess,
    private readonly meetings: MeetingSync,
    private readonly push: ClassPush,
  ) {}

  toDto(row: ClassRow): LiveClass {
    return toLiveClass(row, this.config.LIVE_CLASSES_JOIN_WINDOW_MINUTES);
  }

  async create(auth: AuthContext, request: RpcParsedRequest<Rpc['classesCreate']>): Promise<RpcResponse<Rpc['classesCreate']>> {
    const { course, user } = await this.access.assertCanTeach(auth, request.courseId);
    const teacher = await this.hostTeacher(user.userId, isAdmin(user), course.id);
    const timezone = request.timezone ?? teacher.timezone ?? 'UTC';
    const first = { startsAt: new Date(request.startsAt), endsAt: new Date(request.endsAt) };
    const meetings = request.recurrence ? expandWeeklySeries(first, { weekdays: request.recurrence.weekdays, until: request.recurrence.until, timeZone: timezone }) : [first];
    if (meetings.length === 0) throw DomainError.validation({ recurrence: 'no class falls between startsAt and until' }, 'The series has no classes');
    if (meetings.length > MAX_SERIES_CLASSES) throw DomainError.validation({ recurrence: `more than ${MAX_SERIES_CLASSES} classes` }, 'The series is too long');
    if (overlapping(meetings)) throw DomainError.validation({ endsAt: 'classes of the series overlap each other' }, 'The classes of this series overlap');
    const provider = request.provider ?? this.config.LIVE_CLASSES_PROVIDER;
    if (provider === 'zoom' && !this.config.ZOOM_ACCOUNT_ID) throw DomainError.validation({ provider: 'Zoom is not set up for this school' }, 'Zoom is not set up for this school');
    const seriesId = request.recurrence ? randomUUID() : null;
    const rows = await inTransaction(this.dataSource, async (db) => {
      await this.assertNoConflict(teacher.id, meetings, [], db);
      const ids = meetings.map(() => randomUUID());
      await this.classes.insertMany(
        meetings.map((meeting, index) => ({
          id: ids[index]!,
          courseId: course.id,
          seriesId,
          name: request.name,
          description: request.description || null,
          startsAt: meeting.startsAt,
          endsAt: meeting.endsAt,
          timezone,
          maxParticipants: request.maxParticipants ?? null,
          recordingEnabled: request.recordingEnabled,
          provider,
          teacherId: teacher.id,
          createdBy: actorUserId(auth),
        })),
        db,
      );
      const created = await this.classes.findManyByIds(ids, db);
      for (const row of created) await enqueueEvent(db, liveClassesEvents.scheduled, { class: toEventClass(row), course: eventCourse(row), teacher });
      return created;
    });
    await this.meetings.syncMany(rows);
    return { items: (await this.classes.findManyByIds(rows.map((row) => row.id))).map((row) => this.toDto(row)), seriesId };
  }

  async update(auth: AuthContext, request: RpcParsedRequest<Rpc['classesUpdate']>): Promise<LiveClass> {
    const { classId, ...fields } = request;
    const row = await inTransaction(this.dataSource, async (db) => {
      const current = await this.teachable(auth, classId, db);
      if (current.status !== 'scheduled') throw new DomainError('CONFLICT', 'Only a scheduled class can be changed');
      const startsAt = fields.startsAt ? new Date(fields.startsAt) : current.starts_at;
      const endsAt = fields.endsAt ? new Date(fields.endsAt) : current.ends_at;
      if (endsAt <= startsAt) throw DomainError.validation({ endsAt: 'must be after startsAt' });
      if (endsAt.getTime() - startsAt.getTime() > 8 * 3_600_000) throw DomainError.validation({ endsAt: 'a class lasts at most 8 hours' });
      const changes: ClassChanges = {};
      if (fields.name !== undefined && fields.name !== current.name) changes.name = fields.name;
      if (fields.description !== undefined && (fields.description || null) !== current.description) changes.description = fields.description || null;
      if (startsAt.getTime() !== current.starts_at.getTime()) changes.startsAt = startsAt;
      if (endsAt.getTime() !== current.ends_at.getTime()) changes.endsAt = endsAt;
      if (fields.maxParticipants !== undefined && fields.maxParticipants !== current.max_participants) changes.maxParticipants = fields.maxParticipants;
      if (fields.recordingEnabled !== undefined && fields.recordingEnabled !== current.recording_enabled) changes.recordingEnabled = fields.recordingEnabled;
      const changed = Object.keys(changes);
      if (changed.length === 0) return current;
      if (changes.startsAt || changes.endsAt) {
        await this.classes.lockTeacherSchedule(current.teacher_id, db);
        await this.assertNoConflict(current.teacher_id, [{ startsAt, endsAt }], [current.id], db);
      }
      await this.classes.update(classId, changes, db);
      const updated = (await this.classes.findById(classId, db))!;
      await enqueueEvent(db, liveClassesEvents.updated, { class: toEventClass(updated), course: eventCourse(updated), teacher: await this.teacherProfile(updated, db), changed });
      return updated;
    });
    if (row.meeting_sync_pending || !row.meeting_id) await this.meetings.sync(row);
    this.push.status(row);
    return this.toDto((await this.classes.findById(classId))!);
  }

  async cancel(auth: AuthContext, request: RpcParsedRequest<Rpc['classesCancel']>): Promise<{ cancelled: number }> {
    const rows = await inTransaction(this.dataSource, async (db) => {
      const current = await this.teachable(auth, request.classId, db);
      if (current.status !== 'scheduled') throw new DomainError('CONFLICT', 'Only a scheduled class can be cancelled');
      const ids = request.scope === 'following' && current.series_id ? await this.classes.seriesFrom(current.series_id, current.starts_at, db) : [current.id];
      await this.classes.cancel(ids, request.reason || null, db);
      const cancelled = await this.classes.findManyByIds(ids, db);
      const teacher = await this.teacherProfile(current, db);
      for (const row of cancelled) {
        await enqueueEvent(db, liveClassesEvents.cancelled, { class: toEventClass(row), course: eventCourse(row), teacher, reason: row.cancelled_reason, cancelledBy: actorUserId(auth) });
      }
      return cancelled;
    });
    await this.meetings.syncMany(rows);
    for (const row of rows) this.push.status(row);
    return { cancelled: rows.length };
  }

  /** The schedule form's provider picker: Zoom only when its credentials are configured. */
  async providers(auth: AuthContext): Promise<{ default: LiveClassProvider; available: LiveClassProvider[] }> {
    requireUser(auth);
    const available = LIVE_CLASS_PROVIDERS.filter((provider) => provider !== 'zoom' || Boolean(this.config.ZOOM_ACCOUNT_ID));
    return { default: this.config.LIVE_CLASSES_PROVIDER, available };
  }

  async list(auth: AuthContext, request: RpcParsedRequest<Rpc['classesList']>): Promise<{ items: LiveClass[] }> {
    requireUser(auth);
    const visible = await this.access.visibleCourseIds(auth);
    if (request.courseId && visible && !visible.includes(request.courseId)) throw DomainError.forbidden('You are not a member of this course');
    const from = request.from ? new Date(request.from) : new Date(Date.now() - 30 * DAY);
    const to = request.to ? new Date(request.to) : new Date(from.getTime() + 120 * DAY);
    const rows = await this.classes.list(visible, { courseId: request.courseId, from, to, status: request.status, includeCancelled: request.includeCancelled || request.status === 'cancelled', limit: request.limit });
    return { items: rows.map((row) => this.toDto(row)) };
  }

  async get(auth: AuthContext, classId: string): Promise<LiveClass> {
    return this.toDto((await this.visible(auth, classId)).row);
  }

  /** The class when the caller may see it (members of the course and admins), with their role in it. */
  async visible(auth: AuthContext, classId: string, db?: EntityManager): Promise<{ row: ClassRow; role: 'admin' | 'teacher' | 'student'; userId: string }> {
    requireUser(auth);
    const row = await this.classes.findById(classId, db);
    if (!row) throw DomainError.notFound('Live class');
    const { role, user } = await this.access.roleIn(auth, row.course_id, db);
    return { row, role, userId: user.userId };
  }

  /** The class when the caller teaches its course (or is an admin). */
  async teachable(auth: AuthContext, classId: string, db?: EntityManager): Promise<ClassRow> {
    requireUser(auth);
    const row = await this.classes.findById(classId, db);
    if (!row) throw DomainError.notFound('Live class');
    await this.access.assertCanTeach(auth, row.course_id, db);
    if (db) await this.classes.lockById(classId, db);
    return row;
  }

  async teacherProfile(row: ClassRow, db?: EntityManager): Promise<UserProfile> {
    const profile = await this.roster.profile(row.teacher_id, db);
    if (!profile) throw new DomainError('CONFLICT', 'The teacher of this class is not known yet');
    return profile;
  }

  /** A teacher hosts their own classes; an admin schedules for the course's first teacher. */
  private async hostTeacher(userId: string, admin: boolean, courseId: string): Promise<UserProfile> {
    if (admin) {
      const teachers = await this.roster.teacherProfiles(courseId);
      const first = teachers.sort((a, b) => (a.id < b.id ? -1 : 1))[0];
      if (first) return first;
    }
    const profile = await this.roster.profile(userId);
    if (!profile) throw new DomainError('CONFLICT', 'Your profile has not reached the live-classes service yet; try again shortly');
    return profile;
  }

  private async assertNoConflict(teacherId: string, slots: { startsAt: Date; endsAt: Date }[], excludeIds: string[], db: EntityManager): Promise<void> {
    await this.classes.lockTeacherSchedule(teacherId, db);
    const conflicts = await this.classes.teacherConflicts(teacherId, slots, excludeIds, db);
    if (conflicts.length > 0) {
      throw new DomainError('CONFLICT', 'The teacher already has a live class at that time', {
        conflicts: conflicts.map((conflict) => ({ classId: conflict.id, name: conflict.name, startsAt: conflict.starts_at.toISOString() })),
      });
    }
  }
}
