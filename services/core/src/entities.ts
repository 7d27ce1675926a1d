import { platformEntities } from '@tec/shared';
import { CertificateEntity } from './activity/certificate.entity';
import { ForumReplyEntity } from './activity/forum-reply.entity';
import { PathMilestoneEntity } from './activity/path-milestone.entity';
import { QuizResultEntity } from './activity/quiz-result.entity';
import { ApiKeyEntity } from './api-keys/api-key.entity';
import { AuthSessionEntity } from './auth/auth-session.entity';
import { RefreshTokenEntity } from './auth/refresh-token.entity';
import { CourseTeacherEntity } from './courses/course-teacher.entity';
import { CourseEntity } from './courses/course.entity';
import { EnrollmentEntity } from './courses/enrollment.entity';
import { AssignmentEntity } from './coursework/assignment.entity';
import { GradeEntity } from './coursework/grade.entity';
import { MissingAssignmentNoticeEntity } from './coursework/missing-assignment-notice.entity';
import { SubmissionEntity } from './coursework/submission.entity';
import { RosterImportErrorEntity } from './roster-import/roster-import-error.entity';
import { RosterImportEntity } from './roster-import/roster-import.entity';
import { UserEntity } from './users/user.entity';

export const coreEntities = [
  ...platformEntities,
  UserEntity,
  AuthSessionEntity,
  RefreshTokenEntity,
  ApiKeyEntity,
  CourseEntity,
  CourseTeacherEntity,
  EnrollmentEntity,
  AssignmentEntity,
  SubmissionEntity,
  GradeEntity,
  MissingAssignmentNoticeEntity,
  QuizResultEntity,
  ForumReplyEntity,
  CertificateEntity,
  PathMilestoneEntity,
  RosterImportEntity,
  RosterImportErrorEntity,
];
