import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, inTransaction, type AttendancePolicy, type AuthContext, type RpcParsedRequest, type attendanceRpc } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { actorUserId } from '../common/access';
import { CourseAccess } from '../roster/course-access.service';
import { SessionsRepository } from '../sessions/sessions.repository';
import { PoliciesRepository } from './policies.repository';

@Injectable()
export class PoliciesService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly policies: PoliciesRepository,
    private readonly sessions: SessionsRepository,
    private readonly access: CourseAccess,
  ) {}

  async get(auth: AuthContext, courseId: string): Promise<AttendancePolicy> {
    await this.access.assertMember(auth, courseId);
    return this.policies.forCourse(courseId);
  }

  /** Sessions whose check-in has not opened take the new timings in the same transaction. */
  async update(auth: AuthContext, request: RpcParsedRequest<typeof attendanceRpc.policyUpdate>): Promise<AttendancePolicy> {
    await this.access.assertCanTeach(auth, request.courseId);
    const { courseId, ...changes } = request;
    return inTransaction(this.dataSource, async (db) => {
      const current = await this.policies.forCourse(courseId, db);
      const { courseId: _courseId, updatedAt: _updatedAt, ...settings } = { ...current, ...stripUndefined(changes) };
      await this.policies.save(courseId, settings, actorUserId(auth), db);
      await this.sessions.retime(courseId, settings, db);
      return this.policies.forCourse(courseId, db);
    });
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
