// DTO types come from the shared contracts (type-only imports: no zod reaches the bundle). The few shapes below
// are what the gateway itself adds around core's DTOs, or UI-side views of them.
import type { AuthTokens, DashboardSummary, UserProfile } from '@tec/shared/contracts';

export type {
  AssignmentStatus,
  CourseStudent,
  CourseSummary,
  DashboardSummary,
  RosterImport,
  UserAccount,
  UserProfile,
} from '@tec/shared/contracts';

/** `POST /auth/login` and `/auth/refresh` for browsers: the refresh token travels only as an httpOnly cookie. */
export type AuthSession = Pick<AuthTokens, 'accessToken' | 'accessTokenExpiresAt' | 'user'>;

/** `GET /auth/session`. */
export interface SessionInfo {
  user: UserProfile;
  accessTokenExpiresAt: string;
}

export type UpcomingAssignment = DashboardSummary['upcomingAssignments'][number];
export type RecentGrade = DashboardSummary['recentGrades'][number];
export type ToGradeItem = NonNullable<DashboardSummary['toGrade']>[number];

/** What a course card needs: both the dashboard's course rows and `GET /courses` items have it. */
export interface CourseCard {
  id: string;
  code: string;
  title: string;
  studentCount: number;
  /** null for admins, who see every course without belonging to it. */
  relation: 'teaching' | 'enrolled' | null;
}

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

/** `GET /health`; a 503 carries the same body. Service entries are reports or `{status: 'down', error}`. */
export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  checkedAt?: string;
  services: Record<string, { status: string; error?: string }>;
}
