import { createLogger } from '../logging/logger.js';
import { exitOnStartupFailure, loadConfigOrExit, stopOnSignals } from './process-lifecycle.js';
import { startServer } from './start-server.js';

/** `npm start`: the HTTP service, with graceful shutdown on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, logger);
  stopOnSignals(logger, () => server.close());
}

main().catch(exitOnStartupFailure);
