import { Controller } from '@nestjs/common';
import { coreRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { AssignmentsService } from './assignments.service';
import { GradingService } from './grading.service';
import { SubmissionsService } from './submissions.service';

/** Object-level checks (which course, whose work) happen in the services. */
@Controller()
export class CourseworkController {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly submissions: SubmissionsService,
    private readonly grading: GradingService,
  ) {}

  @RpcRoute(coreRpc.assignmentsCreate)
  create(payload: RpcParsedRequest<typeof coreRpc.assignmentsCreate>, auth: AuthContext) {
    return this.assignments.create(auth, payload);
  }

  @RpcRoute(coreRpc.assignmentsList)
  async list(payload: RpcParsedRequest<typeof coreRpc.assignmentsList>, auth: AuthContext) {
    return { items: await this.assignments.list(auth, payload.courseId) };
  }

  @RpcRoute(coreRpc.submissionsRecord)
  submit(payload: RpcParsedRequest<typeof coreRpc.submissionsRecord>, auth: AuthContext) {
    return this.submissions.record(auth, payload);
  }

  @RpcRoute(coreRpc.gradesRecord)
  grade(payload: RpcParsedRequest<typeof coreRpc.gradesRecord>, auth: AuthContext) {
    return this.grading.record(auth, payload);
  }

  @RpcRoute(coreRpc.gradesList)
  async grades(payload: RpcParsedRequest<typeof coreRpc.gradesList>, auth: AuthContext) {
    return { items: await this.grading.list(auth, payload) };
  }
}
