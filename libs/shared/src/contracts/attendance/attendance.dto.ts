import { z } from 'zod';
import { Timezone } from '../core/common.dto';

/** Attendance of one student at one session. `excused` comes from an approved exemption or a teacher. */
export const ATTENDANCE_STATUSES = ['present', 'late', 'absent', 'excused'] as const;
export const AttendanceStatus = z.enum(ATTENDANCE_STATUSES);
export type AttendanceStatus = z.infer<typeof AttendanceStatus>;

/**
 * How a status was set; every change is audited with its method. `exemption` is an approved excused-absence
 * request. `live_class` comes from the live-classes service (`live_classes.v1.attendance_computed`).
 */
export const MARKING_METHODS = ['qr_code', 'manual', 'bulk', 'live_class', 'auto', 'exemption'] as const;
export const MarkingMethod = z.enum(MARKING_METHODS);
export type MarkingMethod = z.infer<typeof MarkingMethod>;

/** `upcoming` before check-in opens, `open` while students can check in, `closed` once the window has passed. */
export const SESSION_PHASES = ['upcoming', 'open', 'closed', 'cancelled'] as const;
export type SessionPhase = (typeof SESSION_PHASES)[number];

export const Geofence = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  /** Accepted distance from the point, in metres. The browser's reported accuracy (capped at 100 m) is added. */
  radiusMeters: z.number().int().min(10).max(5000),
});
export type Geofence = z.infer<typeof Geofence>;

/** IPv4 or IPv6 address or CIDR range (`10.0.0.0/8`, `2001:db8::/32`), checked by the service. */
export const IpRange = z.string().trim().min(2).max(64);

export const StatusCounts = z.object({
  present: z.number().int(),
  late: z.number().int(),
  absent: z.number().int(),
  excused: z.number().int(),
  /** Actively enrolled students who have no record yet. */
  unmarked: z.number().int(),
  enrolled: z.number().int(),
});
export type StatusCounts = z.infer<typeof StatusCounts>;

export const ClassSession = z.object({
  id: z.uuid(),
  courseId: z.uuid(),
  courseCode: z.string(),
  courseTitle: z.string(),
  /** Sessions created together as a weekly series share it. */
  seriesId: z.uuid().nullable(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  topic: z.string().nullable(),
  status: z.enum(['scheduled', 'cancelled']),
  phase: z.enum(SESSION_PHASES),
  /** Check-in is accepted from `checkinOpensAt` to `checkinClosesAt`; after `lateAfter` it counts as late. */
  checkinOpensAt: z.iso.datetime(),
  lateAfter: z.iso.datetime(),
  checkinClosesAt: z.iso.datetime(),
  geofence: Geofence.nullable(),
  ipAllowList: z.array(z.string()),
  /** When the auto-absent job closed it (unmarked students became absent). */
  closedAt: z.iso.datetime().nullable(),
  cancelledReason: z.string().nullable(),
});
export type ClassSession = z.infer<typeof ClassSession>;

export const AttendanceRecord = z.object({
  id: z.uuid(),
  sessionId: z.uuid(),
  courseId: z.uuid(),
  studentId: z.uuid(),
  status: AttendanceStatus,
  method: MarkingMethod,
  /** Null for jobs (auto-absent) and integrators. */
  markedBy: z.uuid().nullable(),
  markedAt: z.iso.datetime(),
  /** Server time of the QR check-in, when there was one. */
  checkedInAt: z.iso.datetime().nullable(),
  note: z.string().nullable(),
  sessionStartsAt: z.iso.datetime(),
});
export type AttendanceRecord = z.infer<typeof AttendanceRecord>;

export const StudentRef = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), email: z.string() });
export type StudentRef = z.infer<typeof StudentRef>;

export const AttendancePolicy = z.object({
  courseId: z.uuid(),
  /** Minutes after the start from which a check-in counts as late. */
  lateAfterMinutes: z.number().int().min(0).max(240),
  /** Minutes before the start when check-in opens. */
  checkinOpensBeforeMinutes: z.number().int().min(0).max(120),
  /** Minutes after the start when check-in closes; then unmarked students become absent. */
  checkinClosesAfterMinutes: z.number().int().min(1).max(720),
  /** true: excused sessions leave the denominator; false: they count as not attended. */
  excusedLeavesDenominator: z.boolean(),
  /** Percentage under which `attendance.v1.low_attendance` is published (once per crossing). */
  lowAttendanceThreshold: z.number().min(0).max(100),
  /** No low-attendance alert before this many counted sessions, so one missed first class does not alarm. */
  minSessionsForAlert: z.number().int().min(1).max(100),
  /** Consecutive absences that publish `attendance.v1.consecutive_absences`; 0 turns it off. */
  consecutiveAbsenceAlert: z.number().int().min(0).max(50),
  /** Null while the course uses the defaults. */
  updatedAt: z.iso.datetime().nullable(),
});
export type AttendancePolicy = z.infer<typeof AttendancePolicy>;

export const DEFAULT_ATTENDANCE_POLICY: Omit<AttendancePolicy, 'courseId' | 'updatedAt'> = {
  lateAfterMinutes: 10,
  checkinOpensBeforeMinutes: 10,
  checkinClosesAfterMinutes: 30,
  excusedLeavesDenominator: true,
  lowAttendanceThreshold: 75,
  minSessionsForAlert: 3,
  consecutiveAbsenceAlert: 3,
};

/**
 * Per student and course, kept incrementally in the same transaction as each mark.
 * percentage = (present + late) / (total − excused) × 100 when excused sessions leave the denominator,
 * (present + late) / total × 100 otherwise; null when the denominator is 0 (no sessions yet, or all excused).
 */
export const StudentCourseStats = z.object({
  courseId: z.uuid(),
  courseCode: z.string(),
  courseTitle: z.string(),
  student: StudentRef,
  total: z.number().int(),
  present: z.number().int(),
  late: z.number().int(),
  absent: z.number().int(),
  excused: z.number().int(),
  percentage: z.number().nullable(),
  belowThreshold: z.boolean(),
  /** Absences in a row, counted back from the latest session with a record. */
  absenceStreak: z.number().int(),
});
export type StudentCourseStats = z.infer<typeof StudentCourseStats>;

export const SchoolTimezone = Timezone;
