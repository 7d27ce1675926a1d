import { Controller } from '@nestjs/common';
import { coreRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { requireAdminOrScopes } from '../common/access';
import { RosterImportService } from './roster-import.service';

@Controller()
export class RosterImportController {
  constructor(private readonly rosters: RosterImportService) {}

  @RpcRoute(coreRpc.rosterImportStart)
  start(payload: RpcParsedRequest<typeof coreRpc.rosterImportStart>, auth: AuthContext) {
    requireAdminOrScopes(auth, 'users:write', 'enrollments:write');
    return this.rosters.start(auth, payload.csv);
  }

  @RpcRoute(coreRpc.rosterImportGet)
  get(payload: RpcParsedRequest<typeof coreRpc.rosterImportGet>, auth: AuthContext) {
    return this.rosters.get(auth, payload.importId);
  }
}
