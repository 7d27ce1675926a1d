import { DataRightsController } from './data-rights.controller';

export const DATA_RIGHTS_CONTROLLERS = [DataRightsController];
