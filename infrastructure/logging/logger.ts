import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * JSON logs to stdout. Credentials are redacted by path as a second line of defence: the HTTP
 * layer already logs no headers or bodies. The provider-config paths cover the body of
 * `PUT …/provider-config` (`config.api_key`) and decrypted credentials (`apiKey`), should either
 * ever be handed to a logger.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'outbound-engine-x' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'password',
        '*.password',
        'authorization',
        '*.authorization',
        'token',
        '*.token',
        'api_key',
        '*.api_key',
        'config.api_key',
        '*.config.api_key',
        '*.*.config.api_key',
        'apiKey',
        '*.apiKey',
        'DATABASE_URL',
        '*.url',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
