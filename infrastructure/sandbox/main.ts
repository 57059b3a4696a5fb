import { createLogger } from '../logging/logger.js';
import { exitOnStartupFailure, loadConfigOrExit, stopOnSignals } from '../server/process-lifecycle.js';
import { startServer } from '../server/start-server.js';
import { SANDBOX_SMARTLEAD_CLIENT_ID, startProviderSimulators } from '../simulators/provider-simulators.js';

/**
 * `npm run sandbox`: the service as `npm start` runs it, with the three provider simulators
 * started beside it and the provider base URLs pointed at them, so the whole flow — credentials,
 * provisioning, inbox sync, and later campaigns — runs on this machine with no network.
 */
async function main(): Promise<void> {
  const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  const simulators = await startProviderSimulators({
    smartlead: port('SANDBOX_SMARTLEAD_PORT', 18801),
    instantly: port('SANDBOX_INSTANTLY_PORT', 18802),
    heyreach: port('SANDBOX_HEYREACH_PORT', 18803),
  });
  const config = loadConfigOrExit({ ...process.env, ...simulators.environment });
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, logger).catch(async (error: unknown) => {
    await simulators.close();
    throw error;
  });
  // The simulators' keys are fixed and public (README, "Sandbox"); still, keys are never logged.
  logger.info(
    { simulators: simulators.environment, smartleadClientId: SANDBOX_SMARTLEAD_CLIENT_ID },
    'sandbox: provider simulators are running; set their keys as an organization\'s provider config (README, "Sandbox")',
  );
  stopOnSignals(logger, async () => {
    await server.close();
    await simulators.close();
  });
}

main().catch(exitOnStartupFailure);
