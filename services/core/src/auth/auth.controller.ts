import { Controller } from '@nestjs/common';
import { coreRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { requireUser } from '../common/access';
import { AuthService } from './auth.service';

/** Login and refresh are open to anonymous callers (the gateway rate-limits them); the rest need a user. */
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @RpcRoute(coreRpc.authLogin)
  login(payload: RpcParsedRequest<typeof coreRpc.authLogin>) {
    return this.auth.login(payload);
  }

  @RpcRoute(coreRpc.authRefresh)
  refresh(payload: RpcParsedRequest<typeof coreRpc.authRefresh>) {
    return this.auth.refresh(payload);
  }

  @RpcRoute(coreRpc.authLogout)
  async logout(payload: RpcParsedRequest<typeof coreRpc.authLogout>) {
    await this.auth.logout(payload.refreshToken);
    return { ok: true as const };
  }

  @RpcRoute(coreRpc.authSession)
  async session(_payload: RpcParsedRequest<typeof coreRpc.authSession>, auth: AuthContext) {
    return { user: await this.auth.session(requireUser(auth)) };
  }
}
