import { Controller } from '@nestjs/common';
import { attendanceRpc, DomainError, isDomainError, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { MarkingService } from '../marking/marking.service';

/**
 * Who may join `session:<id>`: teachers of the course and admins. Students may not: the room carries classmates'
 * names and statuses, and a student in the room could relay live state to an absent friend. A student gets their
 * own result from the check-in reply.
 */
@Controller()
export class RoomAccessController {
  constructor(private readonly marking: MarkingService) {}

  @RpcRoute(attendanceRpc.roomAccess)
  async roomAccess(payload: RpcParsedRequest<typeof attendanceRpc.roomAccess>, auth: AuthContext) {
    if (payload.kind !== 'session') return { allowed: false };
    if (!/^[0-9a-f-]{36}$/i.test(payload.id)) return { allowed: false };
    try {
      await this.marking.teachableSession(auth, payload.id);
      return { allowed: true };
    } catch (error) {
      if (isDomainError(error) && error instanceof DomainError) return { allowed: false };
      throw error;
    }
  }
}
