import type { Provider } from '@nestjs/common';
import { dataRightsRoutes, USER_DATA_RIGHTS } from '@tec/shared';
import { ParentPortalDataRights } from './parent-portal-data-rights';

const routes = dataRightsRoutes('parent-portal');

export const parentPortalDataRightsControllers = [routes.controller];
export const parentPortalDataRightsProviders: Provider[] = [{ provide: USER_DATA_RIGHTS, useClass: ParentPortalDataRights }, routes.handler!];
