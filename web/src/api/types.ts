// DTO types come from the shared contracts (type-only imports: no zod reaches the bundle). The few shapes below
// are what the gateway itself adds around core's DTOs, or UI-side views of them.
import type {
  AuthTokens,
  DashboardSummary,
  DeadLetterPageView,
  DeadLetterReplayed as DeadLetterReplayedSchema,
  HealthReport,
  HealthStatus,
  UserProfile,
} from '@tec/shared/contracts';
import type { z } from 'zod';

export type {
  AssignmentStatus,
  CourseStudent,
  CourseSummary,
  DashboardSummary,
  DeadLetterView,
  HealthCheck,
  HealthStatus,
  OutboxHealthCheck,
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

/** One service's own report (database, NATS, outbox), as `GET /health` nests it. */
export type ServiceHealthReport = HealthReport;

/** What the gateway puts in place of a service that did not answer its health call. */
export interface ServiceUnreachable {
  service: string;
  status: 'down';
  error: string;
}

/** `GET /health`; a 503 carries the same body. The gateway's wrapper around every service's report. */
export interface GatewayHealth {
  status: HealthStatus;
  checkedAt: string;
  gateway: { nats: { status: 'ok' | 'down'; latencyMs: number } };
  services: Record<string, ServiceHealthReport | ServiceUnreachable>;
}

/** `GET /admin/dead-letters/:service` (the schemas are values; only their inferred types are used here). */
export type DeadLetterPage = z.infer<typeof DeadLetterPageView>;
/** `POST /admin/dead-letters/:service/:deadLetterId/replay`. */
export type DeadLetterReplayed = z.infer<typeof DeadLetterReplayedSchema>;
