import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ParentLinksHandlers, ParentLinksReadModel, PlatformModule, RosterReadModel, type EventsSettings, type Logger } from '@tec/shared';
import { ATTACHMENT_STORAGE } from './attachments/attachment-storage';
import { chatDataRightsControllers, chatDataRightsProviders } from './data-rights';
import { createAttachmentStorage } from './attachments/attachment-storage.factory';
import { AttachmentsController } from './attachments/attachments.controller';
import { AttachmentsService } from './attachments/attachments.service';
import type { ChatConfig } from './config';
import { ConversationAccess } from './conversations/conversation-access';
import { ConversationsController } from './conversations/conversations.controller';
import { ConversationsRepository } from './conversations/conversations.repository';
import { ConversationsService } from './conversations/conversations.service';
import { CourseConversations } from './conversations/course-conversations';
import { chatEntities } from './entities';
import { RosterHandlers } from './events/roster.handlers';
import { FloodLogRepository } from './messages/flood-log.repository';
import { MessagesController } from './messages/messages.controller';
import { MessagesRepository } from './messages/messages.repository';
import { MessagesService } from './messages/messages.service';
import { SendBatcher } from './messages/send-batcher';
import { chatMigrations } from './migrations';
import { ModerationController } from './moderation/moderation.controller';
import { ModerationService } from './moderation/moderation.service';
import { SafeguardingRepository } from './moderation/safeguarding.repository';
import { SafeguardingService } from './moderation/safeguarding.service';
import { PolicyRepository } from './policy/policy.repository';
import { PolicyService } from './policy/policy.service';
import { PresenceController } from './presence/presence.controller';
import { PresenceService } from './presence/presence.service';
import { ChatPush } from './realtime/chat-push';
import { UnreadReminderJob } from './reminders/unread-reminder.job';
import { RosterRepository } from './roster/roster.repository';

export const chatRepositories: Provider[] = [
  RosterRepository,
  // The platform kit's handlers and reads go through chat's repository.
  { provide: RosterReadModel, useExisting: RosterRepository },
  ParentLinksReadModel,
  PolicyRepository,
  ConversationsRepository,
  MessagesRepository,
  FloodLogRepository,
  SafeguardingRepository,
];

export const chatServices: Provider[] = [
  ChatPush,
  PolicyService,
  ConversationAccess,
  CourseConversations,
  ConversationsService,
  SendBatcher,
  MessagesService,
  AttachmentsService,
  ModerationService,
  SafeguardingService,
  PresenceService,
  UnreadReminderJob,
];

export const chatControllers = [ConversationsController, MessagesController, AttachmentsController, ModerationController, PresenceController, ...chatDataRightsControllers];

@Module({})
export class ChatModule {}

export interface ChatModuleOptions {
  logger?: Logger;
  /** The seed CLI turns the relay and consumers off; tests shorten timings. */
  events?: Partial<EventsSettings>;
}

/** The whole chat service for a given config: used by main.ts, the tests and the benchmark. */
export function buildServiceModule(config: ChatConfig, options: ChatModuleOptions = {}): DynamicModule {
  return {
    module: ChatModule,
    imports: [
      PlatformModule.forService({
        serviceName: 'chat',
        schema: 'chat',
        config,
        entities: chatEntities,
        migrations: chatMigrations,
        logger: options.logger,
        events: options.events,
      }),
    ],
    controllers: chatControllers,
    providers: [
      { provide: ATTACHMENT_STORAGE, useFactory: () => createAttachmentStorage(config) },
      ...chatRepositories,
      ...chatServices,
      RosterHandlers,
      ParentLinksHandlers,
      ...chatDataRightsProviders,
    ],
  };
}
