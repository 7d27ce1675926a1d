import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { CoreRosterHandlers, ParentLinksHandlers, ParentLinksReadModel, PlatformModule, RosterReadModel, type EventsSettings, type Logger } from '@tec/shared';
import { CheckInBatcher } from './check-in/check-in-batcher';
import { CheckInRepository } from './check-in/check-in.repository';
import { CheckInService } from './check-in/check-in.service';
import type { AttendanceConfig } from './config';
import { attendanceDataRightsControllers, attendanceDataRightsProviders } from './data-rights';
import { attendanceEntities } from './entities';
import { LiveClassAttendanceHandler } from './events/live-class-attendance.handler';
import { LiveClassSessionsRepository } from './events/live-class-sessions.repository';
import { EVIDENCE_STORAGE, LocalDiskEvidenceStorage } from './exemptions/evidence-storage';
import { ExemptionsController } from './exemptions/exemptions.controller';
import { ExemptionsRepository } from './exemptions/exemptions.repository';
import { ExemptionsService } from './exemptions/exemptions.service';
import { SessionLifecycleJob } from './jobs/session-lifecycle.job';
import { MarkApplier } from './marking/mark-applier';
import { MarkingController } from './marking/marking.controller';
import { MarkingService } from './marking/marking.service';
import { RecordsRepository } from './marking/records.repository';
import { TrailRepository } from './marking/trail.repository';
import { TrailService } from './marking/trail.service';
import { attendanceMigrations } from './migrations';
import { PoliciesRepository } from './policies/policies.repository';
import { PoliciesService } from './policies/policies.service';
import { RoomAccessController } from './realtime/room-access.controller';
import { SessionPush } from './realtime/session-push';
import { ReportsController } from './reports/reports.controller';
import { ReportsRepository } from './reports/reports.repository';
import { ReportsService } from './reports/reports.service';
import { StatisticsService } from './reports/statistics.service';
import { CourseAccess } from './roster/course-access.service';
import { RosterRepository } from './roster/roster.repository';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsRepository } from './sessions/sessions.repository';
import { SessionsService } from './sessions/sessions.service';

export const attendanceRepositories: Provider[] = [
  RosterRepository,
  // The shared roster handlers write through the service's repository.
  { provide: RosterReadModel, useExisting: RosterRepository },
  PoliciesRepository,
  SessionsRepository,
  RecordsRepository,
  CheckInRepository,
  TrailRepository,
  ReportsRepository,
  ExemptionsRepository,
  ParentLinksReadModel,
];

export const attendanceServices: Provider[] = [
  CourseAccess,
  MarkApplier,
  SessionPush,
  SessionsService,
  MarkingService,
  CheckInBatcher,
  CheckInService,
  TrailService,
  PoliciesService,
  StatisticsService,
  ReportsService,
  ExemptionsService,
  SessionLifecycleJob,
];

export const attendanceControllers = [SessionsController, MarkingController, ReportsController, ExemptionsController, RoomAccessController, ...attendanceDataRightsControllers];

@Module({})
export class AttendanceModule {}

export interface AttendanceModuleOptions {
  logger?: Logger;
  /** The seed CLI turns the relay and consumers off; tests shorten timings. */
  events?: Partial<EventsSettings>;
}

/** The whole attendance service for a given config: used by main.ts and by the tests. */
export function buildServiceModule(config: AttendanceConfig, options: AttendanceModuleOptions = {}): DynamicModule {
  return {
    module: AttendanceModule,
    imports: [
      PlatformModule.forService({
        serviceName: 'attendance',
        schema: 'attendance',
        config,
        entities: attendanceEntities,
        migrations: attendanceMigrations,
        logger: options.logger,
        events: options.events,
      }),
    ],
    controllers: attendanceControllers,
    providers: [
      { provide: EVIDENCE_STORAGE, useFactory: () => new LocalDiskEvidenceStorage(config.ATTENDANCE_EVIDENCE_DIR) },
      ...attendanceRepositories,
      ...attendanceServices,
      CoreRosterHandlers,
      LiveClassSessionsRepository,
      LiveClassAttendanceHandler,
      ParentLinksHandlers,
      ...attendanceDataRightsProviders,
    ],
  };
}
