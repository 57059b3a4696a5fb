import type { Logger } from 'pino';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { openDatabase, type Database } from '../database/open-database.js';
import { createLogger } from '../logging/logger.js';

/**
 * Shared frame for the command-line tools: config, a quiet logger, the same database the server
 * would use (embedded when DATABASE_URL is unset), and an exit code that tells the shell.
 */
export async function runCli(work: (tools: { config: Config; logger: Logger; database: Database }) => Promise<void>): Promise<void> {
  let database: Database | undefined;
  let exitCode = 0;
  try {
    const config = loadConfig();
    const logger = createLogger(process.env['LOG_LEVEL'] ?? 'warn');
    database = await openDatabase(config, logger);
    await work({ config, logger, database });
  } catch (error) {
    console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
    exitCode = 1;
  } finally {
    await database?.close();
  }
  // Exit explicitly, rather than rely on draining: a pool or timer left open must not keep a CLI alive.
  process.exit(exitCode);
}
