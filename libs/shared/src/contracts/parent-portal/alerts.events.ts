import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { EventCourse, EventUser } from '../core/events.contracts';
import { AlertType } from './parent-portal.dto';

/**
 * Alerts and digests of the parent portal, consumed by notifications (in-app + email per the parent's
 * preferences). Subjects are persisted contracts: add `parent_portal.v2.<event>` rather than changing one in place.
 */
const At = z.iso.datetime();

const DigestChild = z.object({
  student: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() }),
  /** Over the period; null when no session took place. */
  attendance: z.object({ percentage: z.number().nullable(), sessions: z.number().int(), absences: z.number().int() }),
  newGrades: z.array(z.object({ course: EventCourse, assignmentTitle: z.string(), percentage: z.number(), gradedAt: At })),
  missingAssignments: z.array(z.object({ course: EventCourse, assignmentTitle: z.string(), dueAt: At.nullable() })),
  upcomingClasses: z.array(z.object({ course: EventCourse, title: z.string(), startsAt: At, kind: z.enum(['session', 'live_class']) })),
  alerts: z.number().int(),
});

export const parentPortalAlertEvents = {
  alertRaised: defineEvent(
    'parent_portal.v1.alert_raised',
    z.object({
      alertId: z.uuid(),
      parent: EventUser,
      student: EventUser,
      type: AlertType,
      course: EventCourse.nullable(),
      title: z.string(),
      message: z.string(),
      value: z.number().nullable(),
      threshold: z.number().nullable(),
      raisedAt: At,
    }),
    'A threshold about a child was crossed (once per crossing; it re-arms when the value recovers).',
  ),
  guardianDigestReady: defineEvent(
    'parent_portal.v1.guardian_digest_ready',
    z.object({
      digestId: z.uuid(),
      parent: EventUser,
      period: z.enum(['daily', 'weekly']),
      /** `2026-11-23` (daily) or `2026-W48` (weekly), in the parent's time zone; one digest per key. */
      periodKey: z.string(),
      periodStart: At,
      periodEnd: At,
      children: z.array(DigestChild).min(1),
      /** Unread chat messages of the parent from their children's teachers; absent when chat could not say. */
      unreadTeacherMessages: z.number().int().optional(),
    }),
    'A guardian digest (all children of one parent) is ready to be emailed. Never published when nothing is new.',
  ),
} as const;
