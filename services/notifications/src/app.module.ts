import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { PlatformModule, type EventsSettings, type Logger } from '@tec/shared';
import { AnalyticsController } from './analytics/analytics.controller';
import { AnalyticsRepository } from './analytics/analytics.repository';
import { AnalyticsService } from './analytics/analytics.service';
import type { NotificationsConfig } from './config';
import { AttendanceHandler } from './dispatch/attendance.handler';
import { ChatHandler } from './dispatch/chat.handler';
import { CoreActivityHandler } from './dispatch/core-activity.handler';
import { ParentPortalHandler } from './dispatch/parent-portal.handler';
import { LiveClassesHandler } from './dispatch/live-classes.handler';
import { NotificationDispatcher } from './dispatch/notification-dispatcher';
import { DigestItemsRepository } from './digests/digest-items.repository';
import { DigestScheduler } from './digests/digest.scheduler';
import { DeliveriesRepository } from './email/deliveries.repository';
import { DeliveryLogController } from './email/delivery-log.controller';
import { DeliveryLogRepository } from './email/delivery-log.repository';
import { DeliveryLogService } from './email/delivery-log.service';
import { emailProviderFactory } from './email/email-provider.factory';
import { EmailQueueMetrics } from './email/email-queue.metrics';
import { EmailSendWorker } from './email/email-send.worker';
import { SuppressionsRepository } from './email/suppressions.repository';
import { WorkSignalHost } from './email/work-signal.host';
import { notificationsEntities } from './entities';
import { NotificationsController } from './inbox/notifications.controller';
import { NotificationsRepository } from './inbox/notifications.repository';
import { NotificationsService } from './inbox/notifications.service';
import { PushNotifier } from './inbox/push-notifier';
import { notificationsMigrations } from './migrations';
import { PreferencesController } from './preferences/preferences.controller';
import { PreferencesRepository } from './preferences/preferences.repository';
import { PreferencesService } from './preferences/preferences.service';
import { UnsubscribeLinks } from './preferences/unsubscribe-links';
import { TemplateSeeder } from './templates/template-seeder';
import { TemplatesController } from './templates/templates.controller';
import { TemplatesRepository } from './templates/templates.repository';
import { TemplatesService } from './templates/templates.service';
import { RecipientsRepository } from './users/recipients.repository';
import { UserEventsHandler } from './users/user-events.handler';
import { SendGridWebhookController } from './webhook/sendgrid-webhook.controller';
import { SendGridWebhookService } from './webhook/sendgrid-webhook.service';
import { notificationsDataRightsControllers, notificationsDataRightsProviders } from './data-rights';

export const notificationsRepositories: Provider[] = [
  RecipientsRepository,
  PreferencesRepository,
  NotificationsRepository,
  DeliveriesRepository,
  DeliveryLogRepository,
  SuppressionsRepository,
  TemplatesRepository,
  AnalyticsRepository,
  DigestItemsRepository,
];

export const notificationsServices: Provider[] = [
  emailProviderFactory,
  UnsubscribeLinks,
  WorkSignalHost,
  NotificationDispatcher,
  PushNotifier,
  EmailSendWorker,
  EmailQueueMetrics,
  DigestScheduler,
  TemplateSeeder,
  NotificationsService,
  PreferencesService,
  TemplatesService,
  DeliveryLogService,
  AnalyticsService,
  SendGridWebhookService,
];

/** Event consumers (durables `notifications-<consumer>`). */
export const notificationsHandlers: Provider[] = [UserEventsHandler, CoreActivityHandler, AttendanceHandler, ParentPortalHandler, ChatHandler, LiveClassesHandler];

export const notificationsControllers = [
  NotificationsController,
  PreferencesController,
  TemplatesController,
  DeliveryLogController,
  AnalyticsController,
  SendGridWebhookController,
];

@Module({})
export class NotificationsModule {}

export interface NotificationsModuleOptions {
  logger?: Logger;
  events?: Partial<EventsSettings>;
}

/** The whole notifications service for a given config: used by main.ts, the tests and the benchmark. */
export function buildServiceModule(config: NotificationsConfig, options: NotificationsModuleOptions = {}): DynamicModule {
  return {
    module: NotificationsModule,
    imports: [
      PlatformModule.forService({
        serviceName: 'notifications',
        schema: 'notifications',
        config,
        entities: notificationsEntities,
        migrations: notificationsMigrations,
        logger: options.logger,
        events: options.events,
      }),
    ],
    controllers: [...notificationsControllers, ...notificationsDataRightsControllers],
    providers: [...notificationsRepositories, ...notificationsServices, ...notificationsHandlers, ...notificationsDataRightsProviders],
  };
}
