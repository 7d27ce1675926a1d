import type { DataSource } from 'typeorm';
import { ActivityRepository } from '../activity/activity.repository';
import { ActivityService } from '../activity/activity.service';
import { AuthSessionsRepository } from '../auth/auth-sessions.repository';
import { PasswordService } from '../auth/password.service';
import { CourseAccess } from '../courses/course-access.service';
import { CoursesRepository } from '../courses/courses.repository';
import { CoursesService } from '../courses/courses.service';
import { EnrollmentsRepository } from '../courses/enrollments.repository';
import { EnrollmentsService } from '../courses/enrollments.service';
import { AssignmentsRepository } from '../coursework/assignments.repository';
import { AssignmentsService } from '../coursework/assignments.service';
import { GradesRepository } from '../coursework/grades.repository';
import { GradingService } from '../coursework/grading.service';
import { SubmissionsRepository } from '../coursework/submissions.repository';
import { SubmissionsService } from '../coursework/submissions.service';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';

/**
 * The use cases the seed writes through, wired by hand on a bare DataSource (no NATS, no Nest), so the seed
 * publishes exactly the events the RPCs would.
 */
export function createSeedServices(dataSource: DataSource) {
  const users = new UsersRepository(dataSource);
  const passwords = new PasswordService();
  const courses = new CoursesRepository(dataSource);
  const access = new CourseAccess(courses);
  const enrollments = new EnrollmentsRepository(dataSource);
  const assignments = new AssignmentsRepository(dataSource);
  const submissions = new SubmissionsRepository(dataSource);
  const grades = new GradesRepository(dataSource);
  const activity = new ActivityRepository(dataSource);
  return {
    users,
    courses,
    assignments,
    submissions,
    grades,
    activity,
    passwords,
    usersService: new UsersService(dataSource, users, new AuthSessionsRepository(dataSource), passwords),
    coursesService: new CoursesService(dataSource, courses, users, access),
    enrollmentsService: new EnrollmentsService(dataSource, enrollments, users, access),
    assignmentsService: new AssignmentsService(dataSource, assignments, access),
    submissionsService: new SubmissionsService(dataSource, assignments, submissions, enrollments, users, access),
    gradingService: new GradingService(dataSource, assignments, grades, enrollments, users, access),
    activityService: new ActivityService(dataSource, activity, users, courses, enrollments, access),
  };
}

export type SeedServices = ReturnType<typeof createSeedServices>;
