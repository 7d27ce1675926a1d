import { Injectable } from '@nestjs/common';
import { attendancePercentage, DomainError, type AccessLogEntry, type AuthContext, type ChildOverview, type ChildSummary } from '@tec/shared';
import { requireUser } from '../common/access';
import { ChildAccess } from './child-access';
import { OverviewRepository } from './overview.repository';

/** The parent's dashboard (one card per child), the child page in one request, and the student's access log. */
@Injectable()
export class OverviewService {
  constructor(
    private readonly access: ChildAccess,
    private readonly repository: OverviewRepository,
  ) {}

  async children(auth: AuthContext): Promise<{ items: ChildSummary[] }> {
    const { parentId } = await this.access.openAll(auth, 'dashboard');
    const rows = await this.repository.children(parentId);
    return {
      items: rows.map(({ counts, ...row }) => ({ ...row, attendancePercentage: attendancePercentage(counts) })),
    };
  }

  async overview(auth: AuthContext, studentId: string): Promise<ChildOverview> {
    const { parentId, linkId, relationship } = await this.access.open(auth, studentId, 'overview');
    const row = await this.repository.overview(parentId, studentId);
    return {
      ...row,
      linkId,
      relationship,
      generatedAt: new Date().toISOString(),
      courses: row.courses.map((course) => ({ ...course, attendance: { percentage: attendancePercentage(course.attendance), counts: course.attendance } })),
    };
  }

  /** "Who accessed my data": students see their own; admins any student's. */
  async accessLog(auth: AuthContext, request: { studentId?: string; limit: number; before?: string }): Promise<{ items: AccessLogEntry[]; nextBefore: string | null }> {
    const user = requireUser(auth, 'student', 'admin');
    let studentId: string;
    if (user.role === 'student') {
      if (request.studentId && request.studentId !== user.userId) throw DomainError.forbidden('Students see their own access log only');
      studentId = user.userId;
    } else {
      if (!request.studentId) throw new DomainError('VALIDATION_FAILED', 'studentId is required for admins');
      studentId = request.studentId;
    }
    const items = (await this.repository.accessLog(studentId, request.limit, request.before ?? null)) as AccessLogEntry[];
    return { items, nextBefore: items.length === request.limit ? items[items.length - 1]!.at : null };
  }
}
