import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { PlatformModule, type EventsSettings, type Logger } from '@tec/shared';
import { AlertEngine } from './alerts/alert-engine';
import { AlertFactsRepository } from './alerts/alert-facts.repository';
import { AlertsRepository } from './alerts/alerts.repository';
import { AlertsService } from './alerts/alerts.service';
import type { ParentPortalConfig } from './config';
import { ChatUnread } from './digest/chat-unread';
import { DigestSettingsService } from './digest/digest-settings.service';
import { DigestJob } from './digest/digest.job';
import { DigestRepository } from './digest/digest.repository';
import { parentPortalDataRightsControllers, parentPortalDataRightsProviders } from './data-rights';
import { parentPortalEntities } from './entities';
import { AttendanceHandlers } from './events/attendance.handlers';
import { CoreHandlers } from './events/core.handlers';
import { LiveClassesHandlers } from './events/live-classes.handlers';
import { LinkActivation } from './links/link-activation';
import { LinksController } from './links/links.controller';
import { LinksRepository } from './links/links.repository';
import { LinksService } from './links/links.service';
import { PairingCodesRepository } from './links/pairing-codes.repository';
import { PairingCodesService } from './links/pairing-codes.service';
import { PortalSettingsRepository } from './links/portal-settings.repository';
import { parentPortalMigrations } from './migrations';
import { ChildAccess } from './overview/child-access';
import { OverviewController } from './overview/overview.controller';
import { OverviewRepository } from './overview/overview.repository';
import { OverviewService } from './overview/overview.service';
import { ReadModelRepository } from './read-model/read-model.repository';

export const parentPortalRepositories: Provider[] = [
  ReadModelRepository,
  LinksRepository,
  PairingCodesRepository,
  PortalSettingsRepository,
  AlertsRepository,
  AlertFactsRepository,
  OverviewRepository,
  DigestRepository,
];

export const parentPortalServices: Provider[] = [
  LinkActivation,
  LinksService,
  PairingCodesService,
  AlertEngine,
  AlertsService,
  ChildAccess,
  OverviewService,
  DigestSettingsService,
  ChatUnread,
  DigestJob,
];

export const parentPortalHandlers: Provider[] = [CoreHandlers, AttendanceHandlers, LiveClassesHandlers];

@Module({})
export class ParentPortalModule {}

export interface ParentPortalModuleOptions {
  logger?: Logger;
  /** The seed CLI turns the relay and consumers off; tests shorten timings. */
  events?: Partial<EventsSettings>;
}

/** The whole parent portal for a given config: used by main.ts and by the tests. */
export function buildServiceModule(config: ParentPortalConfig, options: ParentPortalModuleOptions = {}): DynamicModule {
  return {
    module: ParentPortalModule,
    imports: [
      PlatformModule.forService({
        serviceName: 'parent-portal',
        schema: 'parent_portal',
        config,
        entities: parentPortalEntities,
        migrations: parentPortalMigrations,
        logger: options.logger,
        events: options.events,
      }),
    ],
    controllers: [LinksController, OverviewController, ...parentPortalDataRightsControllers],
    providers: [...parentPortalRepositories, ...parentPortalServices, ...parentPortalHandlers, ...parentPortalDataRightsProviders],
  };
}
