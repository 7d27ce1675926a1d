// Contracts of the core service: DTO schemas, RPC contracts (`coreRpc`) and events (`coreEvents`).
import { apiKeysCreate, apiKeysList, apiKeysRevoke, apiKeysVerify } from './api-key.contracts';
import { certificatesRecord, forumRepliesRecord, pathMilestonesRecord, quizResultsRecord } from './activity.contracts';
import { authLogin, authLogout, authRefresh, authSession } from './auth.contracts';
import {
  courseGet,
  courseStudentsList,
  courseTeachersAssign,
  coursesCreate,
  coursesList,
  coursesUpdate,
  enrollmentsCreate,
  enrollmentsDrop,
} from './course.contracts';
import { assignmentsCreate, assignmentsList, gradesList, gradesRecord, submissionsRecord } from './coursework.contracts';
import { dashboardGet } from './dashboard.contracts';
import { rosterImportGet, rosterImportStart } from './roster.contracts';
import { userGet, userUpdateProfile, usersCreate, usersList, usersUpdate } from './user.contracts';
import { roomAccessRpc } from '../room-access';

export * from './activity.contracts';
export * from './api-key.contracts';
export * from './auth.contracts';
export * from './common.dto';
export * from './course.contracts';
export * from './coursework.contracts';
export * from './dashboard.contracts';
export * from './events.contracts';
export * from './roster.contracts';
export * from './user.contracts';

/** Every RPC core answers, `rpc.core.<action>`. Patterns are persisted contracts: add `<action>V2`, never rename. */
export const coreRpc = {
  authLogin,
  authRefresh,
  authLogout,
  authSession,
  apiKeysCreate,
  apiKeysList,
  apiKeysRevoke,
  apiKeysVerify,
  usersCreate,
  usersUpdate,
  usersList,
  userGet,
  userUpdateProfile,
  coursesList,
  courseGet,
  coursesCreate,
  coursesUpdate,
  courseTeachersAssign,
  courseStudentsList,
  enrollmentsCreate,
  enrollmentsDrop,
  assignmentsCreate,
  assignmentsList,
  submissionsRecord,
  gradesRecord,
  gradesList,
  quizResultsRecord,
  forumRepliesRecord,
  certificatesRecord,
  pathMilestonesRecord,
  rosterImportStart,
  rosterImportGet,
  dashboardGet,
  /** Who may join a `course:<id>` socket room: its members, admins. */
  roomAccess: roomAccessRpc('core'),
} as const;
