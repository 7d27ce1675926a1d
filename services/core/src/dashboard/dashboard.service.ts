import { Injectable } from '@nestjs/common';
import { DomainError, type DashboardSummary, type UserAuthContext } from '@tec/shared';
import { toUserProfile } from '../common/event-parts';
import { CoursesRepository } from '../courses/courses.repository';
import { UsersRepository } from '../users/users.repository';
import { DashboardRepository } from './dashboard.repository';

/** The home page of each role. Parents get their profile only: the parent portal owns their view. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dashboard: DashboardRepository,
    private readonly courses: CoursesRepository,
    private readonly users: UsersRepository,
  ) {}

  async forUser(auth: UserAuthContext): Promise<DashboardSummary> {
    const user = await this.users.findById(auth.userId);
    if (!user?.active) throw new DomainError('UNAUTHENTICATED', 'Sign in again');
    const base: DashboardSummary = { user: toUserProfile(user), courses: [], upcomingAssignments: [], recentGrades: [] };
    switch (user.role) {
      case 'student': {
        const [courses, upcomingAssignments, recentGrades] = await Promise.all([
          this.courses.summaries({ kind: 'enrolled', studentId: user.id }),
          this.dashboard.upcomingForStudent(user.id),
          this.dashboard.recentGradesForStudent(user.id),
        ]);
        return { ...base, courses: courses.map((course) => this.courseCard(course, 'enrolled')), upcomingAssignments, recentGrades };
      }
      case 'teacher': {
        const [courses, upcomingAssignments, recentGrades, toGrade] = await Promise.all([
          this.courses.summaries({ kind: 'teaching', teacherId: user.id }),
          this.dashboard.upcomingForTeacher(user.id),
          this.dashboard.recentGradesForTeacher(user.id),
          this.dashboard.toGradeForTeacher(user.id),
        ]);
        return { ...base, courses: courses.map((course) => this.courseCard(course, 'teaching')), upcomingAssignments, recentGrades, toGrade };
      }
      case 'admin': {
        const [users, totals] = await Promise.all([this.users.countByRole(), this.dashboard.schoolTotals()]);
        return { ...base, admin: { users, ...totals } };
      }
      case 'parent':
        return base;
    }
  }

  private courseCard(course: { id: string; code: string; title: string; studentCount: number }, relation: 'teaching' | 'enrolled') {
    return { id: course.id, code: course.code, title: course.title, relation, studentCount: course.studentCount };
  }
}
