import type { Provider } from '@nestjs/common';
import { CONFIG, LOGGER, type Logger } from '@tec/shared';
import { resolveProviderName, type NotificationsConfig } from '../config';
import { EMAIL_PROVIDER } from '../tokens';
import { ConsoleProvider } from './providers/console.provider';
import type { EmailProvider } from './providers/email-provider';
import { SendGridProvider } from './providers/sendgrid.provider';
import { SmtpProvider } from './providers/smtp.provider';

/** SendGrid, SMTP or console, chosen once from the config (see `resolveProviderName`). */
export const emailProviderFactory: Provider = {
  provide: EMAIL_PROVIDER,
  inject: [CONFIG, LOGGER],
  useFactory: (config: NotificationsConfig, logger: Logger): EmailProvider => {
    const name = resolveProviderName(config);
    logger.info({ provider: name }, 'email provider');
    if (name === 'sendgrid') return new SendGridProvider(config);
    if (name === 'smtp') return new SmtpProvider(config);
    return new ConsoleProvider(logger);
  },
};
