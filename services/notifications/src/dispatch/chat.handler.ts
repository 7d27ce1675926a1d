import { Injectable } from '@nestjs/common';
import { chatEvents, EventHandler, type EventHandlerContext, type EventPayload } from '@tec/shared';
import { RecipientsRepository } from '../users/recipients.repository';
import { NotificationDispatcher } from './notification-dispatcher';

type Payload<K extends keyof typeof chatEvents> = EventPayload<(typeof chatEvents)[K]>;

/**
 * Chat → notifications. An unread reminder (the recipient stayed offline with unread messages) becomes the
 * `message_digest` email and a bell entry, each by the recipient's `messages` preferences; a mention is a bell
 * entry only (the sender is already in the conversation the link opens).
 */
@Injectable()
export class ChatHandler {
  constructor(
    private readonly recipients: RecipientsRepository,
    private readonly dispatcher: NotificationDispatcher,
  ) {}

  @EventHandler(chatEvents.unreadReminder, { consumer: 'chat-unread-reminder' })
  async unreadReminder(payload: Payload<'unreadReminder'>, { manager, envelope }: EventHandlerContext): Promise<void> {
    const recipient = await this.recipients.ensure(manager, payload.recipient);
    const items = payload.conversations.map((conversation) => ({
      sender: `${conversation.lastSender.firstName} ${conversation.lastSender.lastName}`,
      preview: conversation.preview || '(attachment)',
      conversation: conversation.title,
      unread: conversation.unread,
    }));
    const senders = [...new Set(items.map((item) => item.sender))];
    await this.dispatcher.dispatch(manager, {
      sourceKey: envelope.id,
      eventId: envelope.id,
      eventSubject: envelope.subject,
      category: 'messages',
      template: 'message_digest',
      targets: [
        {
          recipient,
          data: { recipient_name: recipient.firstName, count: payload.totalUnread, items, messages_link: payload.link },
          title: `${payload.totalUnread} unread message${payload.totalUnread === 1 ? '' : 's'}`,
          body: `From ${senders.slice(0, 3).join(', ')}${senders.length > 3 ? ' and others' : ''}`,
          link: payload.link,
        },
      ],
    });
  }

  @EventHandler(chatEvents.mentioned, { consumer: 'chat-mentioned' })
  async mentioned(payload: Payload<'mentioned'>, { manager, envelope }: EventHandlerContext): Promise<void> {
    const sender = `${payload.sender.firstName} ${payload.sender.lastName}`;
    const targets = [];
    for (const user of payload.mentioned) {
      targets.push({
        recipient: await this.recipients.ensure(manager, user),
        data: {},
        title: `${sender} mentioned you in ${payload.conversation.title}`,
        body: payload.preview,
        link: payload.link,
      });
    }
    await this.dispatcher.dispatch(manager, { sourceKey: envelope.id, eventId: envelope.id, eventSubject: envelope.subject, category: 'messages', template: null, targets });
  }
}
