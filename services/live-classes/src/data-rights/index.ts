import type { Provider } from '@nestjs/common';
import { dataRightsRoutes, USER_DATA_RIGHTS } from '@tec/shared';
import { LiveClassesDataRights } from './live-classes-data-rights';

const routes = dataRightsRoutes('live-classes');

export const liveClassesDataRightsControllers = [routes.controller];
export const liveClassesDataRightsProviders: Provider[] = [{ provide: USER_DATA_RIGHTS, useClass: LiveClassesDataRights }, routes.handler!];
