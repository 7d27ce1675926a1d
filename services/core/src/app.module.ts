import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { loadPemKeyPair, PlatformModule, type EventsSettings, type Logger } from '@tec/shared';
import { ActivityController } from './activity/activity.controller';
import { ActivityRepository } from './activity/activity.repository';
import { ActivityService } from './activity/activity.service';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysRepository } from './api-keys/api-keys.repository';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AccessTokenIssuer } from './auth/access-token.issuer';
import { AuthSessionsRepository } from './auth/auth-sessions.repository';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { PasswordService } from './auth/password.service';
import type { CoreConfig } from './config';
import { CourseAccess } from './courses/course-access.service';
import { CourseRoomAccessController } from './courses/course-room-access.controller';
import { CoursesController } from './courses/courses.controller';
import { CoursesRepository } from './courses/courses.repository';
import { CoursesService } from './courses/courses.service';
import { EnrollmentsRepository } from './courses/enrollments.repository';
import { EnrollmentsService } from './courses/enrollments.service';
import { AssignmentsRepository } from './coursework/assignments.repository';
import { AssignmentsService } from './coursework/assignments.service';
import { CourseworkController } from './coursework/coursework.controller';
import { GradesRepository } from './coursework/grades.repository';
import { GradingService } from './coursework/grading.service';
import { MissingAssignmentsJob } from './coursework/missing-assignments.job';
import { MissingAssignmentsRepository } from './coursework/missing-assignments.repository';
import { SubmissionsRepository } from './coursework/submissions.repository';
import { SubmissionsService } from './coursework/submissions.service';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardRepository } from './dashboard/dashboard.repository';
import { DashboardService } from './dashboard/dashboard.service';
import { coreDataRightsControllers, coreDataRightsProviders } from './data-rights';
import { coreEntities } from './entities';
import { coreMigrations } from './migrations';
import { RosterImportController } from './roster-import/roster-import.controller';
import { RosterImportService } from './roster-import/roster-import.service';
import { RosterImportWorker } from './roster-import/roster-import.worker';
import { RosterImportsRepository } from './roster-import/roster-imports.repository';
import { RosterRowApplier } from './roster-import/roster-row.applier';
import { ACCESS_TOKEN_KEYS } from './tokens';
import { UsersController } from './users/users.controller';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

export const coreRepositories: Provider[] = [
  UsersRepository,
  AuthSessionsRepository,
  ApiKeysRepository,
  CoursesRepository,
  EnrollmentsRepository,
  AssignmentsRepository,
  SubmissionsRepository,
  GradesRepository,
  MissingAssignmentsRepository,
  ActivityRepository,
  RosterImportsRepository,
  DashboardRepository,
];

export const coreServices: Provider[] = [
  PasswordService,
  AuthService,
  ApiKeysService,
  UsersService,
  CourseAccess,
  CoursesService,
  EnrollmentsService,
  AssignmentsService,
  SubmissionsService,
  GradingService,
  MissingAssignmentsJob,
  ActivityService,
  RosterRowApplier,
  RosterImportWorker,
  RosterImportService,
  DashboardService,
];

export const coreControllers = [
  AuthController,
  ApiKeysController,
  UsersController,
  CoursesController,
  CourseRoomAccessController,
  CourseworkController,
  ActivityController,
  RosterImportController,
  DashboardController,
  ...coreDataRightsControllers,
];

@Module({})
export class CoreModule {}

export interface CoreModuleOptions {
  logger?: Logger;
  /** The seed CLI turns the relay off (`{ relay: false, consumers: false }`); tests shorten timings. */
  events?: Partial<EventsSettings>;
}

/** The whole core service for a given config: used by main.ts and by the tests. */
export function buildServiceModule(config: CoreConfig, options: CoreModuleOptions = {}): DynamicModule {
  return {
    module: CoreModule,
    imports: [
      PlatformModule.forService({
        serviceName: 'core',
        schema: 'core',
        config,
        entities: coreEntities,
        migrations: coreMigrations,
        logger: options.logger,
        events: options.events,
      }),
    ],
    controllers: coreControllers,
    providers: [
      {
        provide: ACCESS_TOKEN_KEYS,
        useFactory: () => loadPemKeyPair({ privateKeyFile: config.JWT_PRIVATE_KEY_FILE, publicKeyFile: config.JWT_PUBLIC_KEY_FILE }),
      },
      AccessTokenIssuer,
      ...coreRepositories,
      ...coreServices,
      ...coreDataRightsProviders,
    ],
  };
}
