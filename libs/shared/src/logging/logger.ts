import pino, { type Logger, type LoggerOptions } from 'pino';
import { currentContext } from '../context/request-context';

export type { Logger } from 'pino';

/** Keys never written to logs, wherever they appear in the first levels of an object. */
export const REDACTED_PATHS = [
  'password',
  'newPassword',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'secret',
  'authorization',
  'cookie',
  'dateOfBirth',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.apiKey',
  '*.secret',
  '*.dateOfBirth',
  '*.*.password',
  '*.*.token',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers["x-api-key"]',
];

export interface LoggerSettings {
  service: string;
  level?: LoggerOptions['level'];
  /** Where to write; tests pass a stream to read lines back. */
  destination?: pino.DestinationStream;
}

/** A pino logger that stamps every line with the service name and the current correlation id. */
export function createLogger({ service, level = 'info', destination }: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level,
    base: { service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    mixin: () => {
      const context = currentContext();
      return context ? { correlationId: context.correlationId } : {};
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
