import { createBrowserRouter } from 'react-router-dom';
import { AdminUsersRoute, CoursePageRoute, CoursesPageRoute, OperationsRoute, RosterImportRoute } from './routes';
import { LoginPage } from './features/auth/login-page';
import { RequireAuth } from './features/auth/require-auth';
import { DashboardPage } from './features/dashboard/dashboard-page';
import { ProfilePage } from './features/profile/profile-page';
import { AppShell } from './layout/app-shell';
import { NotFoundPage } from './layout/not-found-page';
import { RouteError } from './layout/route-error';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <DashboardPage /> },
      { path: 'courses', element: <CoursesPageRoute /> },
      { path: 'courses/:courseId', element: <CoursePageRoute /> },
      { path: 'admin/users', element: <AdminUsersRoute /> },
      { path: 'admin/roster-import', element: <RosterImportRoute /> },
      { path: 'admin/operations', element: <OperationsRoute /> },
      { path: 'profile', element: <ProfilePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
