// Core DTO types the web reads from the gateway.
// TEMPORARY: defined locally until `libs/shared/src/contracts/core/**` lands; then import them from
// `@tec/shared/contracts` and delete this file's copies (the shapes here follow the gateway's documented REST API).
import type { Role } from '@tec/shared/contracts';

export interface UserProfile {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  timezone: string;
  locale: string;
  dateOfBirth: string | null;
}

export interface AuthSession {
  accessToken: string;
  accessTokenExpiresAt: string;
  user: UserProfile;
}

export interface SessionInfo {
  user: UserProfile;
  accessTokenExpiresAt: string;
}

export type CourseRelation = 'teaching' | 'enrolled';

export interface CourseSummary {
  id: string;
  code: string;
  title: string;
  relation: CourseRelation;
  studentCount: number;
}

/** `GET /courses/:id`. Fields past the summary are optional: the core may not send them yet. */
export interface CourseDetail extends Partial<CourseSummary> {
  id: string;
  code: string;
  title: string;
  description?: string | null;
  teachers?: Array<Pick<UserProfile, 'id' | 'firstName' | 'lastName'> & { email?: string }>;
}

export type AssignmentStatus = 'open' | 'submitted' | 'graded' | 'missing';

export interface UpcomingAssignment {
  id: string;
  courseId: string;
  courseCode: string;
  title: string;
  dueAt: string;
  status: AssignmentStatus;
}

export interface RecentGrade {
  assignmentId: string;
  assignmentTitle: string;
  courseCode: string;
  score: number;
  maxScore: number;
  gradedAt: string;
  studentName?: string;
}

export interface ToGradeItem {
  assignmentId: string;
  title: string;
  courseCode: string;
  ungraded: number;
}

export interface AdminCounts {
  users: Record<Role, number>;
  courses: number;
  activeEnrollments: number;
}

export interface DashboardSummary {
  user: UserProfile;
  courses: CourseSummary[];
  upcomingAssignments: UpcomingAssignment[];
  recentGrades: RecentGrade[];
  toGrade?: ToGradeItem[];
  admin?: AdminCounts;
}

/** A course roster row: a profile, possibly trimmed by the gateway. */
export type CourseStudent = Pick<UserProfile, 'id' | 'firstName' | 'lastName'> & Partial<UserProfile>;

export interface ItemList<T> {
  items: T[];
}

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ProfileUpdate {
  firstName?: string;
  lastName?: string;
  timezone?: string;
  locale?: string;
}

export type ImportStatus = 'running' | 'completed' | 'failed';

export interface RosterImportProgress {
  status: ImportStatus;
  total: number;
  done: number;
  failed: number;
  errors: Array<{ row: number; message: string }>;
}

export interface HealthReport {
  status: string;
  services: Record<string, unknown>;
}
