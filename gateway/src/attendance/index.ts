import { AttendanceReportsController } from './attendance-reports.controller';
import { AttendanceController } from './attendance.controller';
import { ClassSessionsController } from './class-sessions.controller';
import { ExemptionsController } from './exemptions.controller';

export const ATTENDANCE_CONTROLLERS = [ClassSessionsController, AttendanceController, AttendanceReportsController, ExemptionsController];
