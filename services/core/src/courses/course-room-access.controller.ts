import { Controller } from '@nestjs/common';
import { coreRpc, isDomainError, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { CourseAccess } from './course-access.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Live updates of a course (`course:<id>` socket room) go to whoever may read the course. */
@Controller()
export class CourseRoomAccessController {
  constructor(private readonly access: CourseAccess) {}

  @RpcRoute(coreRpc.roomAccess)
  async roomAccess(payload: RpcParsedRequest<typeof coreRpc.roomAccess>, auth: AuthContext) {
    if (payload.kind !== 'course' || !UUID.test(payload.id)) return { allowed: false };
    try {
      await this.access.assertCanRead(auth, payload.id);
      return { allowed: true };
    } catch (error) {
      if (isDomainError(error)) return { allowed: false };
      throw error;
    }
  }
}
