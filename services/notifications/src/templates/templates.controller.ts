import { Controller } from '@nestjs/common';
import { notificationsRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { TemplatesService } from './templates.service';

@Controller()
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @RpcRoute(notificationsRpc.templatesList)
  list(_payload: unknown, auth: AuthContext) {
    return this.templates.list(auth);
  }

  @RpcRoute(notificationsRpc.templateGet)
  get(payload: RpcParsedRequest<typeof notificationsRpc.templateGet>, auth: AuthContext) {
    return this.templates.get(auth, payload.name);
  }

  @RpcRoute(notificationsRpc.templateUpdate)
  update(payload: RpcParsedRequest<typeof notificationsRpc.templateUpdate>, auth: AuthContext) {
    return this.templates.update(auth, payload);
  }

  @RpcRoute(notificationsRpc.templateSetActive)
  setActive(payload: RpcParsedRequest<typeof notificationsRpc.templateSetActive>, auth: AuthContext) {
    return this.templates.setActive(auth, payload.name, payload.active);
  }

  @RpcRoute(notificationsRpc.templatePreview)
  preview(payload: RpcParsedRequest<typeof notificationsRpc.templatePreview>, auth: AuthContext) {
    return this.templates.preview(auth, payload);
  }

  @RpcRoute(notificationsRpc.templateTestSend)
  testSend(payload: RpcParsedRequest<typeof notificationsRpc.templateTestSend>, auth: AuthContext) {
    return this.templates.testSend(auth, payload);
  }
}
