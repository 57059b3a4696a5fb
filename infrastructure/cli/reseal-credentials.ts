import type { ResealProviderCredentials } from '../../application/entitlements/reseal-provider-credentials.js';
import { TOKENS as T } from '../container/tokens.js';
import { createApplication } from '../server/create-application.js';
import { runCli } from './run-cli.js';

/**
 * `npm run credentials:reseal`: after adding a key to CREDENTIAL_KEYS and making it active,
 * re-seals every stored provider credential sealed with another key. Once it reports, the old
 * keys can be removed from the ring. Safe to run again: it then finds nothing to do.
 */
await runCli(async ({ config, logger, database }) => {
  const { container } = await createApplication(config, logger, database.orm);
  const resealed = await container.get<ResealProviderCredentials>(T.ResealProviderCredentials).execute({
    context: { actor: { type: 'system' }, requestId: 'cli-credentials-reseal' },
  });
  console.log(`Re-sealed ${resealed} provider credential(s) with key '${config.credentialKeys.activeKeyId}'.`);
});
