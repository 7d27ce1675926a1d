import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { CoreRosterHandlers, PlatformModule, RosterReadModel, type EventsSettings, type Logger } from '@tec/shared';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarService } from './calendar/calendar.service';
import { ClassesController } from './classes/classes.controller';
import { ClassesRepository } from './classes/classes.repository';
import { ClassesService } from './classes/classes.service';
import { MeetingSync } from './classes/meeting-sync.service';
import type { LiveClassesConfig } from './config';
import { liveClassesDataRightsControllers, liveClassesDataRightsProviders } from './data-rights';
import { liveClassesEntities } from './entities';
import { ClassLifecycleJob } from './jobs/class-lifecycle.job';
import { JoinService } from './joining/join.service';
import { ParticipantsRepository } from './joining/participants.repository';
import { liveClassesMigrations } from './migrations';
import { AttendanceComputer } from './presence/attendance-computer.service';
import { PresenceRepository } from './presence/presence.repository';
import { meetingProviders } from './providers/providers.factory';
import { QuestionsController } from './questions/questions.controller';
import { QuestionsRepository } from './questions/questions.repository';
import { QuestionsService } from './questions/questions.service';
import { ClassPush } from './realtime/class-push';
import { RoomAccessController } from './realtime/room-access.controller';
import { RecordingsRepository } from './recordings/recordings.repository';
import { RecordingsService } from './recordings/recordings.service';
import { CourseAccess } from './roster/course-access.service';
import { RosterRepository } from './roster/roster.repository';
import { WebhookEventsRepository } from './webhooks/webhook-events.repository';
import { WebhookProcessor } from './webhooks/webhook-processor.service';
import { ZoomWebhookController } from './webhooks/zoom-webhook.controller';
import { ZoomWebhookService } from './webhooks/zoom-webhook.service';

export const liveClassesRepositories: Provider[] = [
  RosterRepository,
  // The shared roster handlers write through the service's repository.
  { provide: RosterReadModel, useExisting: RosterRepository },
  ClassesRepository,
  ParticipantsRepository,
  QuestionsRepository,
  RecordingsRepository,
  PresenceRepository,
  WebhookEventsRepository,
];

export const liveClassesServices: Provider[] = [
  CourseAccess,
  ClassPush,
  MeetingSync,
  ClassesService,
  JoinService,
  QuestionsService,
  RecordingsService,
  CalendarService,
  AttendanceComputer,
  WebhookProcessor,
  ZoomWebhookService,
  ClassLifecycleJob,
];

export const liveClassesControllers = [ClassesController, QuestionsController, CalendarController, RoomAccessController, ZoomWebhookController];

@Module({})
export class LiveClassesModule {}

export interface LiveClassesModuleOptions {
  logger?: Logger;
  /** The seed CLI turns the relay and consumers off; tests shorten timings. */
  events?: Partial<EventsSettings>;
}

/** The whole live-classes service for a given config: used by main.ts and by the tests. */
export function buildServiceModule(config: LiveClassesConfig, options: LiveClassesModuleOptions = {}): DynamicModule {
  return {
    module: LiveClassesModule,
    imports: [
      PlatformModule.forService({
        serviceName: 'live-classes',
        schema: 'live_classes',
        config,
        entities: liveClassesEntities,
        migrations: liveClassesMigrations,
        logger: options.logger,
        events: options.events,
      }),
    ],
    controllers: [...liveClassesControllers, ...liveClassesDataRightsControllers],
    providers: [...meetingProviders, ...liveClassesRepositories, ...liveClassesServices, CoreRosterHandlers, ...liveClassesDataRightsProviders],
  };
}
