import { Controller } from '@nestjs/common';
import { DomainError, liveClassesRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { ClassesService } from '../classes/classes.service';

/** Who may join `class:<id>`: enrolled students, teachers of the course, admins (the room carries Q&A and status). */
@Controller()
export class RoomAccessController {
  constructor(private readonly classes: ClassesService) {}

  @RpcRoute(liveClassesRpc.roomAccess)
  async roomAccess(payload: RpcParsedRequest<typeof liveClassesRpc.roomAccess>, auth: AuthContext) {
    if (payload.kind !== 'class' || !/^[0-9a-f-]{36}$/i.test(payload.id)) return { allowed: false };
    try {
      await this.classes.visible(auth, payload.id);
      return { allowed: true };
    } catch (error) {
      if (error instanceof DomainError) return { allowed: false };
      throw error;
    }
  }
}
