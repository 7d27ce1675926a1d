import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, PinoNestLogger } from '@tec/shared';
import { buildServiceModule } from './app.module';
import { loadLiveClassesConfig } from './config';

async function bootstrap(): Promise<void> {
  const config = loadLiveClassesConfig();
  const logger = createLogger({ service: 'live-classes', level: config.LOG_LEVEL });
  const app = await NestFactory.createApplicationContext(buildServiceModule(config, { logger }), {
    logger: new PinoNestLogger(logger),
  });
  app.enableShutdownHooks();
  logger.info({ nats: config.NATS_URL, provider: config.LIVE_CLASSES_PROVIDER }, 'live-classes service ready');
}

bootstrap().catch((error: unknown) => {
  // Config errors name the variable; print them plainly, before any logger exists.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
