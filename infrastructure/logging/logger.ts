import { pino, type Logger } from 'pino';

/**
 * JSON logs to stdout. Credentials are redacted by path as a second line of defence: the HTTP
 * layer already logs no headers or bodies.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'outbound-engine-x' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['password', '*.password', 'authorization', '*.authorization', 'token', '*.token', 'api_key', '*.api_key', 'DATABASE_URL', '*.url'],
      censor: '[redacted]',
    },
  });
}
