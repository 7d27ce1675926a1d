import type { Provider } from '@nestjs/common';
import { dataRightsRoutes, USER_DATA_RIGHTS } from '@tec/shared';
import { AttendanceDataRights } from './attendance-data-rights';

const routes = dataRightsRoutes('attendance');

export const attendanceDataRightsControllers = [routes.controller];
export const attendanceDataRightsProviders: Provider[] = [{ provide: USER_DATA_RIGHTS, useClass: AttendanceDataRights }, routes.handler!];
