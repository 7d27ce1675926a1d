import { lazy, Suspense } from 'react';
import { CheckInPage } from './features/attendance/check-in/check-in-page';
import { useCurrentUser } from './features/auth/use-session';
import { FullPageLoader } from './layout/full-page-loader';
import { RealtimeProvider } from './realtime/realtime-provider';
import { RequireRole } from './features/auth/require-role';
import { CoursePage } from './features/courses/course-page';
import { CoursesPage } from './features/courses/courses-page';

// Admin screens are split into their own chunks: most users never load them.
const UsersPage = lazy(() => import('./features/admin-users/users-page').then((module) => ({ default: module.UsersPage })));
const RosterImportPage = lazy(() =>
  import('./features/roster-import/roster-import-page').then((module) => ({ default: module.RosterImportPage })),
);

const OperationsPage = lazy(() =>
  import('./features/operations/operations-page').then((module) => ({ default: module.OperationsPage })),
);

const EmailAdminPage = lazy(() => import('./features/email-admin/email-admin-page').then((module) => ({ default: module.EmailAdminPage })));
const TemplateEditorPage = lazy(() =>
  import('./features/email-admin/template-editor-page').then((module) => ({ default: module.TemplateEditorPage })),
);
const DeliveryDetailPage = lazy(() =>
  import('./features/email-admin/delivery-detail-page').then((module) => ({ default: module.DeliveryDetailPage })),
);

export function CoursesPageRoute() {
  return (
    <RequireRole roles={['student', 'teacher', 'admin']}>
      <CoursesPage />
    </RequireRole>
  );
}

export function CoursePageRoute() {
  return (
    <RequireRole roles={['student', 'teacher', 'admin']}>
      <CoursePage />
    </RequireRole>
  );
}

export function AdminUsersRoute() {
  return (
    <RequireRole roles={['admin']}>
      <UsersPage />
    </RequireRole>
  );
}

export function RosterImportRoute() {
  return (
    <RequireRole roles={['admin']}>
      <RosterImportPage />
    </RequireRole>
  );
}

export function OperationsRoute() {
  return (
    <RequireRole roles={['admin']}>
      <OperationsPage />
    </RequireRole>
  );
}

export function EmailAdminRoute() {
  return (
    <RequireRole roles={['admin']}>
      <EmailAdminPage />
    </RequireRole>
  );
}

export function EmailTemplateRoute() {
  return (
    <RequireRole roles={['admin']}>
      <TemplateEditorPage />
    </RequireRole>
  );
}

export function EmailDeliveryRoute() {
  return (
    <RequireRole roles={['admin']}>
      <DeliveryDetailPage />
    </RequireRole>
  );
}

// Attendance: the check-in screens are in the main chunk (a student in a hurry shouldn't wait for one more), the
// teachers' and reports pages in their own.
const SessionsPage = lazy(() => import('./features/attendance/sessions/sessions-page').then((module) => ({ default: module.SessionsPage })));
const SessionPage = lazy(() => import('./features/attendance/roster/session-page').then((module) => ({ default: module.SessionPage })));
const ProjectorPage = lazy(() => import('./features/attendance/projector/projector-page').then((module) => ({ default: module.ProjectorPage })));
const AttendanceReportsPage = lazy(() =>
  import('./features/attendance/reports/reports-page').then((module) => ({ default: module.ReportsPage })),
);
const ExemptionsPage = lazy(() =>
  import('./features/attendance/exemptions/exemptions-page').then((module) => ({ default: module.ExemptionsPage })),
);
const MyAttendancePage = lazy(() =>
  import('./features/attendance/my-attendance/my-attendance-page').then((module) => ({ default: module.MyAttendancePage })),
);
const ScannerPage = lazy(() => import('./features/attendance/check-in/scanner-page').then((module) => ({ default: module.ScannerPage })));

export function CheckInRoute() {
  return (
    <RequireRole roles={['student']}>
      <CheckInPage />
    </RequireRole>
  );
}

export function ScannerRoute() {
  return (
    <RequireRole roles={['student']}>
      <ScannerPage />
    </RequireRole>
  );
}

export function MyAttendanceRoute() {
  return (
    <RequireRole roles={['student']}>
      <MyAttendancePage />
    </RequireRole>
  );
}

export function AttendanceSessionsRoute() {
  return (
    <RequireRole roles={['teacher', 'admin']}>
      <SessionsPage />
    </RequireRole>
  );
}

export function AttendanceSessionRoute() {
  return (
    <RequireRole roles={['teacher', 'admin']}>
      <SessionPage />
    </RequireRole>
  );
}

export function AttendanceReportsRoute() {
  return (
    <RequireRole roles={['teacher', 'admin']}>
      <AttendanceReportsPage />
    </RequireRole>
  );
}

export function ExemptionsRoute() {
  return (
    <RequireRole roles={['teacher', 'admin', 'student', 'parent']}>
      <ExemptionsPage />
    </RequireRole>
  );
}

/** Full screen, outside the shell, but with the socket (the counter) and the signed-in user's formats. */
export function ProjectorRoute() {
  const user = useCurrentUser();
  return (
    <RealtimeProvider userId={user.id}>
      <RequireRole roles={['teacher', 'admin']}>
        <Suspense fallback={<FullPageLoader />}>
          <ProjectorPage />
        </Suspense>
      </RequireRole>
    </RealtimeProvider>
  );
}

// Chat: its own chunk; the moderation queue for teachers and admins.
const ChatPage = lazy(() => import('./features/chat/chat-page').then((module) => ({ default: module.ChatPage })));
const ChatModerationPage = lazy(() => import('./features/chat/moderation-page').then((module) => ({ default: module.ModerationPage })));

export function ChatRoute() {
  return <ChatPage />;
}

export function ChatModerationRoute() {
  return (
    <RequireRole roles={['teacher', 'admin']}>
      <ChatModerationPage />
    </RequireRole>
  );
}

// The safeguarding review and the safety policy: admins only, each in its own chunk.
const ChatSafeguardingPage = lazy(() => import('./features/chat/safeguarding-page').then((module) => ({ default: module.SafeguardingPage })));
const ChatPolicyPage = lazy(() => import('./features/chat/chat-policy-page').then((module) => ({ default: module.ChatPolicyPage })));

export function ChatSafeguardingRoute() {
  return (
    <RequireRole roles={['admin']}>
      <ChatSafeguardingPage />
    </RequireRole>
  );
}

export function ChatPolicyRoute() {
  return (
    <RequireRole roles={['admin']}>
      <ChatPolicyPage />
    </RequireRole>
  );
}

// Live classes: the list, one class (Q&A, attendance) and the development provider's stand-in room.
const LiveClassesPage = lazy(() => import('./features/live-classes/live-classes-page').then((module) => ({ default: module.LiveClassesPage })));
const LiveClassPage = lazy(() => import('./features/live-classes/live-class-page').then((module) => ({ default: module.LiveClassPage })));
const LiveRoomPage = lazy(() => import('./features/live-classes/dev-room-page').then((module) => ({ default: module.DevRoomPage })));

export function LiveClassesRoute() {
  return (
    <RequireRole roles={['student', 'teacher', 'admin']}>
      <LiveClassesPage />
    </RequireRole>
  );
}

export function LiveClassRoute() {
  return (
    <RequireRole roles={['student', 'teacher', 'admin']}>
      <LiveClassPage />
    </RequireRole>
  );
}

export function LiveRoomRoute() {
  return (
    <RequireRole roles={['student', 'teacher', 'admin']}>
      <LiveRoomPage />
    </RequireRole>
  );
}

// Parent portal: the parent's child pages and code entry, the student's family & privacy page, the approval queue.
const ChildPage = lazy(() => import('./features/parent-portal/parent/child-page').then((module) => ({ default: module.ChildPage })));
const AlertSettingsPage = lazy(() =>
  import('./features/parent-portal/parent/alert-settings-page').then((module) => ({ default: module.AlertSettingsPage })),
);
const LinkChildPage = lazy(() => import('./features/parent-portal/parent/link-child-page').then((module) => ({ default: module.LinkChildPage })));
const FamilyPrivacyPage = lazy(() =>
  import('./features/parent-portal/student/family-privacy-page').then((module) => ({ default: module.FamilyPrivacyPage })),
);
const LinkApprovalsPage = lazy(() =>
  import('./features/parent-portal/admin/link-approvals-page').then((module) => ({ default: module.LinkApprovalsPage })),
);

export function ChildRoute() {
  return (
    <RequireRole roles={['parent']}>
      <ChildPage />
    </RequireRole>
  );
}

export function ChildAlertSettingsRoute() {
  return (
    <RequireRole roles={['parent']}>
      <AlertSettingsPage />
    </RequireRole>
  );
}

export function LinkChildRoute() {
  return (
    <RequireRole roles={['parent']}>
      <LinkChildPage />
    </RequireRole>
  );
}

export function FamilyPrivacyRoute() {
  return (
    <RequireRole roles={['student']}>
      <FamilyPrivacyPage />
    </RequireRole>
  );
}

export function ParentLinksRoute() {
  return (
    <RequireRole roles={['admin', 'teacher']}>
      <LinkApprovalsPage />
    </RequireRole>
  );
}
