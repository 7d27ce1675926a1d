import type { DashboardSummary } from '../../api/types';
import { ErrorState } from '../../ui/error-state';
import { useCurrentUser } from '../auth/use-session';
import { AdminDashboard } from './admin-dashboard';
import { DashboardGreeting } from './dashboard-greeting';
import { DashboardSkeleton } from './dashboard-skeleton';
import { ParentDashboard } from './parent-dashboard';
import { StudentDashboard } from './student-dashboard';
import { TeacherDashboard } from './teacher-dashboard';
import { useDashboard } from './use-dashboard';

export function DashboardPage() {
  const user = useCurrentUser();
  // The parent's page is the parent portal's (its own queries), not core's dashboard summary.
  const dashboard = useDashboard({ enabled: user.role !== 'parent' });
  return (
    <div data-testid="dashboard" data-role={user.role}>
      <DashboardGreeting user={user} />
      {user.role === 'parent' ? (
        <ParentDashboard user={user} />
      ) : dashboard.isPending ? (
        <DashboardSkeleton />
      ) : dashboard.isError ? (
        <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} retrying={dashboard.isFetching} />
      ) : (
        <RoleDashboard summary={dashboard.data} />
      )}
    </div>
  );
}

function RoleDashboard({ summary }: { summary: DashboardSummary }) {
  const user = useCurrentUser();
  switch (user.role) {
    case 'student':
      return <StudentDashboard summary={summary} />;
    case 'teacher':
      return <TeacherDashboard summary={summary} />;
    case 'admin':
      return <AdminDashboard summary={summary} />;
    case 'parent':
      return <ParentDashboard user={user} />;
  }
}
