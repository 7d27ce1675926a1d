import type { Provider } from '@nestjs/common';
import { dataRightsRoutes, USER_DATA_RIGHTS } from '@tec/shared';
import { CoreDataRights } from './core-data-rights';
import { DataRightsController } from './data-rights.controller';
import { DataRightsRepository } from './data-rights.repository';
import { DataRightsService } from './data-rights.service';
import { ErasureConfirmationsHandler } from './erasure-confirmations.handler';

const routes = dataRightsRoutes('core');

export const coreDataRightsControllers = [DataRightsController, routes.controller];
export const coreDataRightsProviders: Provider[] = [
  CoreDataRights,
  { provide: USER_DATA_RIGHTS, useExisting: CoreDataRights },
  DataRightsRepository,
  DataRightsService,
  ErasureConfirmationsHandler,
];
