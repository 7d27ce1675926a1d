import { createBrowserRouter } from 'react-router-dom';
import {
  AdminUsersRoute,
  AttendanceReportsRoute,
  AttendanceSessionRoute,
  AttendanceSessionsRoute,
  ChatModerationRoute,
  ChatPolicyRoute,
  ChatRoute,
  ChatSafeguardingRoute,
  CheckInRoute,
  ExemptionsRoute,
  LiveClassesRoute,
  LiveClassRoute,
  LiveRoomRoute,
  MyAttendanceRoute,
  ProjectorRoute,
  ScannerRoute,
  CoursePageRoute,
  CoursesPageRoute,
  EmailAdminRoute,
  EmailDeliveryRoute,
  EmailTemplateRoute,
  OperationsRoute,
  RosterImportRoute,
  ChildRoute,
  ChildAlertSettingsRoute,
  LinkChildRoute,
  FamilyPrivacyRoute,
  ParentLinksRoute,
} from './routes';
import { NotificationsPage } from './features/notifications/notifications-page';
import { PreferencesPage } from './features/notifications/preferences-page';
import { UnsubscribePage } from './features/notifications/unsubscribe-page';
import { LoginPage } from './features/auth/login-page';
import { RequireAuth } from './features/auth/require-auth';
import { DashboardPage } from './features/dashboard/dashboard-page';
import { ProfilePage } from './features/profile/profile-page';
import { AppShell } from './layout/app-shell';
import { NotFoundPage } from './layout/not-found-page';
import { RouteError } from './layout/route-error';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  // The link in every email: public, works signed out (the token is the credential).
  { path: '/notifications/unsubscribe', element: <UnsubscribePage />, errorElement: <RouteError /> },
  // The projector fills the screen: no nav, no header.
  {
    path: '/attendance/sessions/:sessionId/projector',
    element: (
      <RequireAuth>
        <ProjectorRoute />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
  },
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
      { path: 'admin/email', element: <EmailAdminRoute /> },
      { path: 'admin/email/templates/:name', element: <EmailTemplateRoute /> },
      { path: 'admin/email/deliveries/:deliveryId', element: <EmailDeliveryRoute /> },
      { path: 'notifications', element: <NotificationsPage /> },
      { path: 'notifications/preferences', element: <PreferencesPage /> },
      { path: 'check-in', element: <CheckInRoute /> },
      { path: 'check-in/scan', element: <ScannerRoute /> },
      { path: 'attendance', element: <AttendanceSessionsRoute /> },
      { path: 'attendance/me', element: <MyAttendanceRoute /> },
      { path: 'attendance/sessions/:sessionId', element: <AttendanceSessionRoute /> },
      { path: 'attendance/reports', element: <AttendanceReportsRoute /> },
      { path: 'attendance/exemptions', element: <ExemptionsRoute /> },
      { path: 'messages', element: <ChatRoute /> },
      { path: 'messages/moderation', element: <ChatModerationRoute /> },
      { path: 'admin/chat/safeguarding', element: <ChatSafeguardingRoute /> },
      { path: 'admin/chat/policy', element: <ChatPolicyRoute /> },
      { path: 'messages/:conversationId', element: <ChatRoute /> },
      { path: 'live-classes', element: <LiveClassesRoute /> },
      { path: 'live-classes/:classId', element: <LiveClassRoute /> },
      { path: 'live-classes/:classId/room', element: <LiveRoomRoute /> },
      { path: 'family/link', element: <LinkChildRoute /> },
      { path: 'family/children/:studentId', element: <ChildRoute /> },
      { path: 'family/children/:studentId/alerts', element: <ChildAlertSettingsRoute /> },
      { path: 'family-privacy', element: <FamilyPrivacyRoute /> },
      { path: 'parent-links', element: <ParentLinksRoute /> },
      { path: 'profile', element: <ProfilePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
