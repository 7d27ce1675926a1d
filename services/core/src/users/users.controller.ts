import { Controller } from '@nestjs/common';
import { coreRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { requireAdminOrScopes, requireUser } from '../common/access';
import { UsersService } from './users.service';

@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @RpcRoute(coreRpc.usersCreate)
  create(payload: RpcParsedRequest<typeof coreRpc.usersCreate>, auth: AuthContext) {
    requireAdminOrScopes(auth, 'users:write');
    return this.users.create(payload);
  }

  @RpcRoute(coreRpc.usersUpdate)
  update(payload: RpcParsedRequest<typeof coreRpc.usersUpdate>, auth: AuthContext) {
    requireAdminOrScopes(auth, 'users:write');
    return this.users.update(payload);
  }

  @RpcRoute(coreRpc.usersList)
  list(payload: RpcParsedRequest<typeof coreRpc.usersList>, auth: AuthContext) {
    requireAdminOrScopes(auth, 'users:read');
    return this.users.list(payload);
  }

  @RpcRoute(coreRpc.userGet)
  get(payload: RpcParsedRequest<typeof coreRpc.userGet>, auth: AuthContext) {
    return this.users.get(auth, payload.userId);
  }

  @RpcRoute(coreRpc.userUpdateProfile)
  updateProfile(payload: RpcParsedRequest<typeof coreRpc.userUpdateProfile>, auth: AuthContext) {
    return this.users.updateProfile(requireUser(auth).userId, payload);
  }
}
