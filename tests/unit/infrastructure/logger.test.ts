import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../infrastructure/logging/logger.js';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger redaction', () => {
  it('censors provider keys however they are shaped, should one ever be handed to a logger', () => {
    const { lines, stream } = capture();
    const logger = createLogger('info', stream);
    const key = 'sk-live-never-in-a-log';

    logger.info({ api_key: key }, 'flat');
    logger.info({ config: { api_key: key } }, 'provider-config body');
    logger.info({ body: { config: { api_key: key } } }, 'nested body');
    logger.info({ request: { body: { config: { api_key: key } } } }, 'deeper body');
    logger.info({ apiKey: key }, 'decrypted credentials');
    logger.info({ credentials: { apiKey: key, workspaceId: 'ws-1' } }, 'decrypted credentials, nested');

    expect(lines).toHaveLength(6);
    for (const line of lines) {
      expect(line).not.toContain(key);
      expect(line).toContain('[redacted]');
    }
    expect(lines[5]).toContain('ws-1');
  });
});
