import type { Provider } from '@nestjs/common';
import { dataRightsRoutes, USER_DATA_RIGHTS } from '@tec/shared';
import { EmailLogRetentionJob } from './email-log-retention.job';
import { NotificationsDataRights } from './notifications-data-rights';

const routes = dataRightsRoutes('notifications');

export { emailRetentionConfigShape } from './retention.config';
export const notificationsDataRightsControllers = [routes.controller];
export const notificationsDataRightsProviders: Provider[] = [{ provide: USER_DATA_RIGHTS, useClass: NotificationsDataRights }, routes.handler!, EmailLogRetentionJob];
