import { Injectable } from '@nestjs/common';
import { DomainError, type AuthContext, type LiveRecording, type RpcParsedRequest, type liveClassesRpc } from '@tec/shared';
import { ClassesService } from '../classes/classes.service';
import { requireUser } from '../common/access';
import { CourseAccess } from '../roster/course-access.service';
import { RecordingsRepository } from './recordings.repository';

/** Recordings are available to the course: its students, its teachers, admins. */
@Injectable()
export class RecordingsService {
  constructor(
    private readonly recordings: RecordingsRepository,
    private readonly access: CourseAccess,
    private readonly classes: ClassesService,
  ) {}

  async list(auth: AuthContext, request: RpcParsedRequest<(typeof liveClassesRpc)['recordingsList']>): Promise<{ items: LiveRecording[] }> {
    requireUser(auth);
    if (request.classId) await this.classes.visible(auth, request.classId);
    const visible = await this.access.visibleCourseIds(auth);
    if (request.courseId && visible && !visible.includes(request.courseId)) throw DomainError.forbidden('You are not a member of this course');
    return { items: await this.recordings.list(visible, request) };
  }
}
