import { ConversationsController } from './conversations.controller';
import { MessagesController } from './messages.controller';
import { ChatModerationController } from './moderation.controller';

// Moderation's static paths (`messages/moderation/...`, `messages/policy`) register before `messages/:messageId`.
export const CHAT_CONTROLLERS = [ConversationsController, ChatModerationController, MessagesController];
