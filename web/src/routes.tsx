import { lazy } from 'react';
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
