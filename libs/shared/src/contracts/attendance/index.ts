// Contracts of the attendance service: DTOs, RPC contracts (`attendanceRpc`) and events (`attendanceEvents`).
import { roomAccessRpc } from '../room-access';
import { exemptionEvidence, exemptionsCreate, exemptionsDecide, exemptionsList } from './exemptions.contracts';
import { auditList, checkIn, flaggedList, generateQr, mark, markBulk } from './marking.contracts';
import { myAttendance, policyGet, policyUpdate, reportGet, statisticsGet } from './reports.contracts';
import { sessionGet, sessionRoster, sessionsCancel, sessionsCreate, sessionsList, sessionsUpdate } from './sessions.contracts';

export * from './attendance.dto';
export * from './csv';
export * from './events.contracts';
export * from './exemptions.contracts';
export * from './marking.contracts';
export * from './report-csv';
export * from './reports.contracts';
export * from './sessions.contracts';
export * from './stats-formula';

/** Every RPC attendance answers, `rpc.attendance.<action>`. Patterns are persisted contracts: add `<action>V2`, never rename. */
export const attendanceRpc = {
  sessionsCreate,
  sessionsUpdate,
  sessionsCancel,
  sessionsList,
  sessionGet,
  sessionRoster,
  generateQr,
  checkIn,
  mark,
  markBulk,
  auditList,
  flaggedList,
  policyGet,
  policyUpdate,
  statisticsGet,
  myAttendance,
  reportGet,
  exemptionsCreate,
  exemptionsList,
  exemptionsDecide,
  exemptionEvidence,
  /** Who may join a `session:<id>` socket room: teachers of the course and admins (pushes carry names). */
  roomAccess: roomAccessRpc('attendance'),
} as const;
