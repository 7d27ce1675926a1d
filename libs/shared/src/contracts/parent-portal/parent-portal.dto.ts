import { z } from 'zod';
import { CourseLevel } from '../core/common.dto';

/** Relationship of the adult to the child, as the parent declares it when redeeming a code. */
export const RELATIONSHIPS = ['parent', 'guardian', 'other'] as const;
export const Relationship = z.enum(RELATIONSHIPS);
export type Relationship = z.infer<typeof Relationship>;

/**
 * Derived state of a link, for display:
 * - `pending_approval`: waiting for the school (an admin, or a course teacher when the school allows it);
 * - `pending_consent`: approved, but the child is an adult and has not consented (yet);
 * - `consent_withdrawn`: the adult child withdrew consent (they may give it again);
 * - `active`: the parent sees the child's data;
 * - `rejected` / `revoked`: ended for good (a new code starts a new link).
 */
export const LINK_STATUSES = ['pending_approval', 'pending_consent', 'active', 'consent_withdrawn', 'rejected', 'revoked'] as const;
export const LinkStatus = z.enum(LINK_STATUSES);
export type LinkStatus = z.infer<typeof LinkStatus>;

export const CONSENT_STATES = ['not_required', 'pending', 'given', 'withdrawn'] as const;
export const ConsentState = z.enum(CONSENT_STATES);
export type ConsentState = z.infer<typeof ConsentState>;

export const LINK_DEACTIVATION_REASONS = [
  'revoked_by_admin',
  'revoked_by_parent',
  'revoked_by_student',
  'consent_withdrawn',
  /** The child became an adult (18th birthday or a bachelor enrollment) and has not consented. */
  'consent_required',
] as const;
export const LinkDeactivationReason = z.enum(LINK_DEACTIVATION_REASONS);
export type LinkDeactivationReason = z.infer<typeof LinkDeactivationReason>;

export const PortalPerson = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), email: z.string() });
export type PortalPerson = z.infer<typeof PortalPerson>;

export const PortalCourse = z.object({ id: z.uuid(), code: z.string(), title: z.string() });
export type PortalCourse = z.infer<typeof PortalCourse>;

export const ParentLink = z.object({
  id: z.uuid(),
  parent: PortalPerson,
  student: PortalPerson.extend({ adult: z.boolean() }),
  relationship: Relationship,
  status: LinkStatus,
  consent: ConsentState,
  /** How it was made: a redeemed pairing code, or directly by an admin. */
  origin: z.enum(['pairing_code', 'admin']),
  requestedAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
  decidedBy: z.uuid().nullable(),
  decisionNote: z.string().nullable(),
  consentChangedAt: z.iso.datetime().nullable(),
  endedAt: z.iso.datetime().nullable(),
});
export type ParentLink = z.infer<typeof ParentLink>;

/** A pairing code as listed: the code itself is shown once, on creation, and stored only as a keyed hash. */
export const PairingCodeInfo = z.object({
  id: z.uuid(),
  studentId: z.uuid(),
  createdBy: z.uuid(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  /** The last two characters, so a student can tell codes apart. */
  hint: z.string(),
});
export type PairingCodeInfo = z.infer<typeof PairingCodeInfo>;

export const ALERT_TYPES = [
  'low_attendance',
  'absence_today',
  'consecutive_absences',
  'low_assignment_grade',
  'low_course_grade',
  'missing_assignment',
  'live_class_missed',
] as const;
export const AlertType = z.enum(ALERT_TYPES);
export type AlertType = z.infer<typeof AlertType>;

export const ParentAlert = z.object({
  id: z.uuid(),
  child: PortalPerson,
  type: AlertType,
  course: PortalCourse.nullable(),
  title: z.string(),
  message: z.string(),
  /** The measured value (a percentage or a count) and the threshold it crossed, when the type has one. */
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  /** The session, assignment or live class it is about, when there is one. */
  subject: z.object({ kind: z.enum(['session', 'assignment', 'live_class']), id: z.string(), label: z.string(), at: z.iso.datetime().nullable() }).nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type ParentAlert = z.infer<typeof ParentAlert>;

const Percent = z.number().min(0).max(100);

/** Per parent, per child. Defaults: see DEFAULT_ALERT_SETTINGS. */
export const AlertSettings = z.object({
  lowAttendance: z.object({ enabled: z.boolean(), belowPercent: Percent }),
  absenceToday: z.object({ enabled: z.boolean() }),
  consecutiveAbsences: z.object({ enabled: z.boolean(), count: z.number().int().min(2).max(20) }),
  assignmentGrade: z.object({ enabled: z.boolean(), belowPercent: Percent }),
  courseGrade: z.object({ enabled: z.boolean(), belowPercent: Percent }),
  missingAssignment: z.object({ enabled: z.boolean() }),
  liveClassMissed: z.object({ enabled: z.boolean() }),
});
export type AlertSettings = z.infer<typeof AlertSettings>;

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  lowAttendance: { enabled: true, belowPercent: 85 },
  absenceToday: { enabled: true },
  consecutiveAbsences: { enabled: true, count: 3 },
  assignmentGrade: { enabled: true, belowPercent: 60 },
  courseGrade: { enabled: true, belowPercent: 70 },
  missingAssignment: { enabled: true },
  liveClassMissed: { enabled: true },
};

export const DigestSettings = z.object({
  /** One email a week (Monday morning in the parent's time zone), covering every child. */
  weekly: z.boolean(),
  /** Also one on each weekday morning (Monday to Friday). */
  daily: z.boolean(),
});
export type DigestSettings = z.infer<typeof DigestSettings>;

export const ChildSummary = z.object({
  linkId: z.uuid(),
  child: PortalPerson.extend({ adult: z.boolean() }),
  relationship: Relationship,
  /** Over all courses: (present + late) / (total − excused); null before any session. */
  attendancePercentage: z.number().nullable(),
  /** Mean of the course averages; null before any grade. */
  gradeAverage: z.number().nullable(),
  missingAssignments: z.number().int(),
  unreadAlerts: z.number().int(),
  /** The child's next class, in person (a session) or live, in any active course; null when none is planned. */
  nextClass: z
    .object({ kind: z.enum(['session', 'live_class']), id: z.string(), title: z.string(), course: PortalCourse, startsAt: z.iso.datetime() })
    .nullable(),
});
export type ChildSummary = z.infer<typeof ChildSummary>;

const Counts = z.object({ present: z.number().int(), late: z.number().int(), absent: z.number().int(), excused: z.number().int() });

export const OverviewCourse = z.object({
  course: PortalCourse.extend({ level: CourseLevel.nullable() }),
  /** Teachers of the course: "Message teacher" opens a direct chat conversation with one of them. */
  teachers: z.array(PortalPerson),
  attendance: z.object({ percentage: z.number().nullable(), counts: Counts }),
  grades: z.object({ average: z.number().nullable(), graded: z.number().int() }),
  missingAssignments: z.number().int(),
});

export const ChildOverview = z.object({
  linkId: z.uuid(),
  child: PortalPerson.extend({ adult: z.boolean() }),
  relationship: Relationship,
  generatedAt: z.iso.datetime(),
  courses: z.array(OverviewCourse),
  recentAbsences: z.array(
    z.object({
      course: PortalCourse,
      session: z.object({ id: z.uuid(), startsAt: z.iso.datetime(), endsAt: z.iso.datetime(), topic: z.string().nullable() }),
      status: z.enum(['absent', 'late', 'excused']),
    }),
  ),
  recentGrades: z.array(
    z.object({
      course: PortalCourse,
      assignment: z.object({ id: z.uuid(), title: z.string(), dueAt: z.iso.datetime().nullable() }),
      score: z.number(),
      maxScore: z.number(),
      percentage: z.number(),
      gradedAt: z.iso.datetime(),
    }),
  ),
  missingAssignments: z.array(
    z.object({ course: PortalCourse, assignment: z.object({ id: z.uuid(), title: z.string(), dueAt: z.iso.datetime().nullable() }), detectedAt: z.iso.datetime() }),
  ),
  upcomingSessions: z.array(z.object({ course: PortalCourse, id: z.uuid(), startsAt: z.iso.datetime(), endsAt: z.iso.datetime(), topic: z.string().nullable() })),
  upcomingLiveClasses: z.array(z.object({ course: PortalCourse, id: z.string(), title: z.string(), startsAt: z.iso.datetime(), endsAt: z.iso.datetime().nullable() })),
  pastLiveClasses: z.array(
    z.object({
      course: PortalCourse,
      id: z.string(),
      title: z.string(),
      startsAt: z.iso.datetime(),
      attended: z.boolean(),
      minutesAttended: z.number(),
      attendedRatio: z.number(),
    }),
  ),
  recentAlerts: z.array(ParentAlert),
  unreadAlerts: z.number().int(),
});
export type ChildOverview = z.infer<typeof ChildOverview>;

export const AccessLogEntry = z.object({
  id: z.uuid(),
  viewer: PortalPerson.extend({ role: z.string() }),
  studentId: z.uuid(),
  /** What was opened: the overview, the alerts, the settings of alerts about the child. */
  resource: z.string(),
  at: z.iso.datetime(),
});
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;

export const LINK_AUDIT_ACTIONS = [
  'requested',
  'created_by_admin',
  'approved',
  'rejected',
  'consent_given',
  'consent_withdrawn',
  'activated',
  'deactivated',
  'revoked',
] as const;
export const LinkAuditEntry = z.object({
  id: z.uuid(),
  linkId: z.uuid(),
  action: z.enum(LINK_AUDIT_ACTIONS),
  actor: PortalPerson.extend({ role: z.string() }).nullable(),
  note: z.string().nullable(),
  at: z.iso.datetime(),
});
export type LinkAuditEntry = z.infer<typeof LinkAuditEntry>;

/** Who may approve pending links besides admins. */
export const LINK_APPROVERS = ['admin', 'course_teacher'] as const;
export const PortalSettings = z.object({ linkApprover: z.enum(LINK_APPROVERS) });
export type PortalSettings = z.infer<typeof PortalSettings>;
