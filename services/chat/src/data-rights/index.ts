import type { Provider } from '@nestjs/common';
import { dataRightsRoutes, USER_DATA_RIGHTS } from '@tec/shared';
import { ChatDataRights } from './chat-data-rights';
import { SafeguardingRetentionJob } from './safeguarding-retention.job';

const routes = dataRightsRoutes('chat');

export const chatDataRightsControllers = [routes.controller];
export const chatDataRightsProviders: Provider[] = [{ provide: USER_DATA_RIGHTS, useClass: ChatDataRights }, routes.handler!, SafeguardingRetentionJob];
