import type { AuthContext } from '@tec/shared';
import type { UserEntity } from '../users/user.entity';
import type { SeedServices } from './seed-services';

interface SeededPeople {
  admin: UserEntity;
  student: UserEntity;
  bachelor: UserEntity[];
  teachers: Map<string, UserEntity>;
}

/**
 * A little LMS activity (a quiz result, a forum reply, a certificate, a path milestone) so each email template
 * has a real event behind it. Runs once: the demo student's first quiz result is the marker.
 */
export async function seedDemoActivity(services: SeedServices, people: SeededPeople): Promise<void> {
  if ((await services.activity.countQuizResultsForStudent(people.student.id)) > 0) return;
  const admin: AuthContext = { kind: 'user', userId: people.admin.id, role: 'admin' };
  const math = await services.courses.findByCode('MATH-12A');
  const cs = await services.courses.findByCode('CS-101');
  const teacher = people.teachers.get('teacher@tec.example');
  const graduate = people.bachelor[0];
  if (!math || !cs || !teacher || !graduate) return;

  await services.activityService.recordQuizResult(admin, {
    courseId: math.id,
    studentId: people.student.id,
    quizId: 'math12a-quiz-1',
    quizName: 'Derivatives quiz',
    score: 17,
    totalPoints: 20,
  });
  await services.activityService.recordForumReply(admin, {
    courseId: math.id,
    threadId: 'math12a-thread-1',
    threadTitle: 'Question about the chain rule',
    threadAuthorId: people.student.id,
    replierId: teacher.id,
    replyText: 'Great question! Think of the chain rule as peeling an onion: differentiate the outside first.',
  });
  await services.activityService.recordCertificate(admin, {
    courseId: cs.id,
    studentId: graduate.id,
    certificateUrl: 'https://lms.tec.example/certificates/cs-101-demo',
  });
  await services.activityService.recordPathMilestone(admin, {
    studentId: graduate.id,
    pathId: 'data-science',
    pathName: 'Data Science path',
    completedCourses: 2,
    totalCourses: 5,
  });
}
