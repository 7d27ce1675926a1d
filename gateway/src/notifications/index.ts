import { EmailDeliveryController } from './email-delivery.controller';
import { EmailTemplatesController } from './email-templates.controller';
import { NotificationsController } from './notifications.controller';

export const NOTIFICATIONS_CONTROLLERS = [NotificationsController, EmailTemplatesController, EmailDeliveryController];
