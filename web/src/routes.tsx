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
