import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { attendancePercentage, enqueueEvent, parentPortalEvents, type AlertSettings, type AlertType, type ParentAlert } from '@tec/shared';
import type { EntityManager } from 'typeorm';
import { LinksRepository } from '../links/links.repository';
import { ReadModelRepository } from '../read-model/read-model.repository';
import { AlertFactsRepository } from './alert-facts.repository';
import { AlertsRepository } from './alerts.repository';

interface Course {
  id: string;
  code: string;
  title: string;
}

interface Check {
  /** The crossing memory key, e.g. `low_attendance:<courseId>`: one per watched condition. */
  condition: string;
  /** Does the condition hold now (for this parent's thresholds)? */
  crossed: (settings: AlertSettings) => boolean;
  enabled: (settings: AlertSettings) => boolean;
  value: number | null;
  threshold: (settings: AlertSettings) => number | null;
  type: AlertType;
  course: Course | null;
  title: (childName: string) => string;
  message: (childName: string, settings: AlertSettings) => string;
  subject: ParentAlert['subject'];
}

/** Low attendance is not judged on fewer counted sessions (one missed first class is not "0 % attendance"). */
export const MIN_SESSIONS_FOR_LOW_ATTENDANCE = 3;

const pct = (value: number) => `${Math.round(value * 10) / 10}%`;

/**
 * Turns read-model changes into alerts, in the event handler's transaction: for every parent actively linked to the
 * child, with that parent's thresholds, it compares the figure and fires only when the condition starts to hold
 * (`alert_state` remembers it per parent, child and condition). When the figure recovers the condition re-arms.
 * A redelivered event is stopped earlier by the inbox; a second event with the same figure finds the condition held.
 */
@Injectable()
export class AlertEngine {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly facts: AlertFactsRepository,
    private readonly links: LinksRepository,
    private readonly readModel: ReadModelRepository,
  ) {}

  async afterAttendanceChange(studentId: string, courseId: string, db: EntityManager): Promise<void> {
    const parents = await this.links.activeParentIds(studentId, db);
    if (parents.length === 0) return;
    const course = await this.facts.course(courseId, db);
    const counts = await this.facts.attendanceCounts(studentId, courseId, db);
    const percentage = attendancePercentage(counts);
    const counted = counts.present + counts.late + counts.absent;
    const streak = await this.facts.absenceStreak(studentId, courseId, db);
    await this.run(parents, studentId, db, [
      {
        condition: `low_attendance:${courseId}`,
        type: 'low_attendance',
        course,
        value: percentage,
        enabled: (s) => s.lowAttendance.enabled,
        crossed: (s) => percentage !== null && counted >= MIN_SESSIONS_FOR_LOW_ATTENDANCE && percentage < s.lowAttendance.belowPercent,
        threshold: (s) => s.lowAttendance.belowPercent,
        title: (name) => `${name}'s attendance in ${course?.title ?? 'a course'} is ${pct(percentage ?? 0)}`,
        message: (name, s) => `Attendance fell below your threshold of ${s.lowAttendance.belowPercent}% (${counts.absent} absences so far).`,
        subject: null,
      },
      {
        condition: `consecutive_absences:${courseId}`,
        type: 'consecutive_absences',
        course,
        value: streak.count,
        enabled: (s) => s.consecutiveAbsences.enabled,
        crossed: (s) => streak.count >= s.consecutiveAbsences.count,
        threshold: (s) => s.consecutiveAbsences.count,
        title: (name) => `${name} missed ${streak.count} ${course?.title ?? ''} classes in a row`.replace('  ', ' '),
        message: () => `${streak.count} consecutive absences, the latest the most recent class.`,
        subject: streak.sessionIds[0] ? { kind: 'session', id: streak.sessionIds[0], label: course?.title ?? 'class', at: null } : null,
      },
    ]);
  }

  /** Absent today: once per session (each absence is its own condition). Only for sessions of today in the child's zone. */
  async afterAbsence(studentId: string, course: Course, session: { id: string; startsAt: string; topic: string | null }, date: string, db: EntityManager): Promise<void> {
    const parents = await this.links.activeParentIds(studentId, db);
    if (parents.length === 0) return;
    const student = await this.readModel.profile(studentId, db);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: safeZone(student?.timezone) }).format(new Date());
    if (date !== today) return;
    const time = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: safeZone(student?.timezone) }).format(new Date(session.startsAt));
    await this.run(parents, studentId, db, [
      {
        condition: `absence:${session.id}`,
        type: 'absence_today',
        course,
        value: null,
        enabled: (s) => s.absenceToday.enabled,
        crossed: () => true,
        threshold: () => null,
        title: (name) => `${name} was marked absent from ${course.title} today`,
        message: () => `The ${time} class${session.topic ? ` (${session.topic})` : ''} on ${date}.`,
        subject: { kind: 'session', id: session.id, label: session.topic ?? course.title, at: session.startsAt },
      },
    ]);
  }

  /** A mark that is no longer absent re-arms that session's absence condition. */
  async afterPresence(studentId: string, sessionId: string, db: EntityManager): Promise<void> {
    for (const parentId of await this.links.activeParentIds(studentId, db)) await this.alerts.cross(parentId, studentId, `absence:${sessionId}`, false, null, db);
  }

  async afterGrade(studentId: string, course: Course, assignment: { id: string; title: string }, percentage: number, db: EntityManager): Promise<void> {
    const parents = await this.links.activeParentIds(studentId, db);
    if (parents.length === 0) return;
    const average = await this.facts.courseAverage(studentId, course.id, db);
    await this.run(parents, studentId, db, [
      {
        condition: `assignment_grade:${assignment.id}`,
        type: 'low_assignment_grade',
        course,
        value: percentage,
        enabled: (s) => s.assignmentGrade.enabled,
        crossed: (s) => percentage < s.assignmentGrade.belowPercent,
        threshold: (s) => s.assignmentGrade.belowPercent,
        title: (name) => `${name} scored ${pct(percentage)} on ${assignment.title}`,
        message: (_name, s) => `${course.title}: below your threshold of ${s.assignmentGrade.belowPercent}%.`,
        subject: { kind: 'assignment', id: assignment.id, label: assignment.title, at: null },
      },
      {
        condition: `course_grade:${course.id}`,
        type: 'low_course_grade',
        course,
        value: average,
        enabled: (s) => s.courseGrade.enabled,
        crossed: (s) => average !== null && average < s.courseGrade.belowPercent,
        threshold: (s) => s.courseGrade.belowPercent,
        title: (name) => `${name}'s average in ${course.title} is ${pct(average ?? 0)}`,
        message: (_name, s) => `The course average fell below your threshold of ${s.courseGrade.belowPercent}%.`,
        subject: null,
      },
    ]);
  }

  async afterMissing(studentId: string, course: Course, assignment: { id: string; title: string; dueAt: string }, db: EntityManager): Promise<void> {
    const parents = await this.links.activeParentIds(studentId, db);
    if (parents.length === 0) return;
    await this.run(parents, studentId, db, [
      {
        condition: `missing:${assignment.id}`,
        type: 'missing_assignment',
        course,
        value: null,
        enabled: (s) => s.missingAssignment.enabled,
        crossed: () => true,
        threshold: () => null,
        title: (name) => `${name} did not hand in ${assignment.title}`,
        message: () => `${course.title}: it was due ${assignment.dueAt.slice(0, 10)}.`,
        subject: { kind: 'assignment', id: assignment.id, label: assignment.title, at: assignment.dueAt },
      },
    ]);
  }

  async afterHandedIn(studentId: string, assignmentId: string, db: EntityManager): Promise<void> {
    for (const parentId of await this.links.activeParentIds(studentId, db)) await this.alerts.cross(parentId, studentId, `missing:${assignmentId}`, false, null, db);
  }

  async afterLiveClass(studentId: string, course: Course, live: { id: string; name: string; startsAt: string }, missed: boolean, db: EntityManager): Promise<void> {
    const parents = await this.links.activeParentIds(studentId, db);
    if (parents.length === 0) return;
    await this.run(parents, studentId, db, [
      {
        condition: `live_class:${live.id}`,
        type: 'live_class_missed',
        course,
        value: null,
        enabled: (s) => s.liveClassMissed.enabled,
        crossed: () => missed,
        threshold: () => null,
        title: (name) => `${name} missed the live class ${live.name}`,
        message: () => `${course.title}, ${live.startsAt.slice(0, 16).replace('T', ' ')} UTC: never joined.`,
        subject: { kind: 'live_class', id: live.id, label: live.name, at: live.startsAt },
      },
    ]);
  }

  private async run(parentIds: string[], studentId: string, db: EntityManager, checks: Check[]): Promise<void> {
    const settings = await this.alerts.settingsFor(parentIds, studentId, db);
    let people: Awaited<ReturnType<ReadModelRepository['profiles']>> | undefined;
    for (const parentId of parentIds) {
      const mine = settings.get(parentId)!;
      for (const check of checks) {
        const crossed = check.crossed(mine);
        const fired = await this.alerts.cross(parentId, studentId, check.condition, crossed, check.value, db);
        if (!fired || !check.enabled(mine)) continue;
        people ??= await this.readModel.profiles([studentId, ...parentIds], db);
        const student = people.get(studentId);
        const parent = people.get(parentId);
        if (!student || !parent) continue;
        const id = randomUUID();
        const title = check.title(student.firstName);
        const message = check.message(student.firstName, mine);
        const threshold = check.threshold(mine);
        await this.alerts.insert(
          { id, parentId, studentId, type: check.type, courseId: check.course?.id ?? null, title, message, value: check.value, threshold, subject: check.subject },
          db,
        );
        await enqueueEvent(db, parentPortalEvents.alertRaised, {
          alertId: id,
          parent,
          student,
          type: check.type,
          course: check.course ? { id: check.course.id, code: check.course.code, title: check.course.title } : null,
          title,
          message,
          value: check.value,
          threshold,
          raisedAt: new Date().toISOString(),
        });
      }
    }
  }
}

function safeZone(zone: string | undefined): string {
  if (!zone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}
