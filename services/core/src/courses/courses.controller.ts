import { Controller } from '@nestjs/common';
import { coreRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { requireAdminOrScopes } from '../common/access';
import { CoursesService } from './courses.service';
import { EnrollmentsService } from './enrollments.service';

@Controller()
export class CoursesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly enrollments: EnrollmentsService,
  ) {}

  @RpcRoute(coreRpc.coursesList)
  async list(_payload: RpcParsedRequest<typeof coreRpc.coursesList>, auth: AuthContext) {
    return { items: await this.courses.list(auth) };
  }

  @RpcRoute(coreRpc.courseGet)
  get(payload: RpcParsedRequest<typeof coreRpc.courseGet>, auth: AuthContext) {
    return this.courses.get(auth, payload.courseId);
  }

  @RpcRoute(coreRpc.coursesCreate)
  create(payload: RpcParsedRequest<typeof coreRpc.coursesCreate>, auth: AuthContext) {
    requireAdminOrScopes(auth, 'courses:write');
    return this.courses.create(payload);
  }

  @RpcRoute(coreRpc.coursesUpdate)
  update(payload: RpcParsedRequest<typeof coreRpc.coursesUpdate>, auth: AuthContext) {
    requireAdminOrScopes(auth, 'courses:write');
    return this.courses.update(payload);
  }

  @RpcRoute(coreRpc.courseTeachersAssign)
  assignTeacher(payload: RpcParsedRequest<typeof coreRpc.courseTeachersAssign>, auth: AuthContext) {
    requireAdminOrScopes(auth, 'courses:write');
    return this.courses.assignTeacher(payload.courseId, payload.teacherId);
  }

  @RpcRoute(coreRpc.courseStudentsList)
  async listStudents(payload: RpcParsedRequest<typeof coreRpc.courseStudentsList>, auth: AuthContext) {
    return { items: await this.courses.listStudents(auth, payload.courseId, payload.includeDropped) };
  }

  @RpcRoute(coreRpc.enrollmentsCreate)
  enroll(payload: RpcParsedRequest<typeof coreRpc.enrollmentsCreate>, auth: AuthContext) {
    requireAdminOrScopes(auth, 'enrollments:write');
    return this.enrollments.enroll(payload.courseId, payload.studentId);
  }

  @RpcRoute(coreRpc.enrollmentsDrop)
  drop(payload: RpcParsedRequest<typeof coreRpc.enrollmentsDrop>, auth: AuthContext) {
    requireAdminOrScopes(auth, 'enrollments:write');
    return this.enrollments.drop(payload.courseId, payload.studentId);
  }
}
