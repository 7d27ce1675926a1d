import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, PinoNestLogger } from '@tec/shared';
import { buildServiceModule } from './app.module';
import { loadChatConfig } from './config';

async function bootstrap(): Promise<void> {
  const config = loadChatConfig();
  const logger = createLogger({ service: 'chat', level: config.LOG_LEVEL });
  const app = await NestFactory.createApplicationContext(buildServiceModule(config, { logger }), {
    logger: new PinoNestLogger(logger),
  });
  app.enableShutdownHooks();
  logger.info({ nats: config.NATS_URL, prefix: config.NATS_SUBJECT_PREFIX || undefined }, 'chat service ready');
}

bootstrap().catch((error: unknown) => {
  // Config errors name the variable; print them plainly, before any logger exists.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
