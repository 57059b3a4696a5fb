import { createHeyReachSimulator, HEYREACH_SIMULATOR_DEFAULT_KEY, type HeyReachSimulator } from './heyreach/heyreach-simulator.js';
import { createInstantlySimulator, INSTANTLY_SIM_API_KEY, type InstantlySimulator } from './instantly/instantly-simulator.js';
import { createSmartleadSimulator, DEFAULT_SMARTLEAD_API_KEY, type SmartleadSimulator } from './smartlead/smartlead-simulator.js';

/** The client the Smartlead simulator seeds, with two inboxes of its own and one of another client. */
export const SANDBOX_SMARTLEAD_CLIENT_ID = 4242;

export interface ProviderSimulatorPorts {
  readonly smartlead: number;
  readonly instantly: number;
  readonly heyreach: number;
}

export interface ProviderSimulators {
  readonly smartlead: SmartleadSimulator;
  readonly instantly: InstantlySimulator;
  readonly heyreach: HeyReachSimulator;
  /** The engine's configuration pointing each provider at its simulator. */
  readonly environment: {
    readonly SMARTLEAD_BASE_URL: string;
    readonly INSTANTLY_BASE_URL: string;
    readonly HEYREACH_BASE_URL: string;
  };
  /** The API keys each simulator accepts (set them as the organization's provider config). */
  readonly apiKeys: { readonly smartlead: string; readonly instantly: string; readonly heyreach: string };
  close(): Promise<void>;
}

/**
 * All three provider simulators, listening on loopback and seeded with sending accounts: what
 * `npm run sandbox` runs beside the engine and what end-to-end tests point the engine at.
 * Port 0 (the default) lets the OS choose.
 */
export async function startProviderSimulators(ports: ProviderSimulatorPorts = { smartlead: 0, instantly: 0, heyreach: 0 }): Promise<ProviderSimulators> {
  const smartlead = createSmartleadSimulator({
    clients: [
      { id: SANDBOX_SMARTLEAD_CLIENT_ID, name: 'Sandbox client' },
      { id: SANDBOX_SMARTLEAD_CLIENT_ID + 1, name: 'Another client' },
    ],
    emailAccounts: [
      { fromEmail: 'alex@sandbox-sender.test', fromName: 'Alex Sender', clientId: SANDBOX_SMARTLEAD_CLIENT_ID },
      { fromEmail: 'blair@sandbox-sender.test', fromName: 'Blair Sender', clientId: SANDBOX_SMARTLEAD_CLIENT_ID },
      { fromEmail: 'casey@other-client.test', fromName: 'Casey Other', clientId: SANDBOX_SMARTLEAD_CLIENT_ID + 1 },
    ],
  });
  const instantly = createInstantlySimulator({
    workspaces: [
      {
        apiKeys: [INSTANTLY_SIM_API_KEY],
        accounts: [
          { email: 'dana@sandbox-instantly.test', first_name: 'Dana', last_name: 'Sender' },
          { email: 'eli@sandbox-instantly.test', first_name: 'Eli', last_name: 'Sender' },
        ],
      },
    ],
  });
  const heyreach = createHeyReachSimulator();
  const started: { close(): Promise<void> }[] = [];
  try {
    await smartlead.listen(ports.smartlead);
    started.push(smartlead);
    await instantly.listen(ports.instantly);
    started.push(instantly);
    await heyreach.server.listen(ports.heyreach);
    started.push(heyreach.server);
  } catch (error) {
    await Promise.all(started.map((server) => server.close()));
    throw error;
  }
  return {
    smartlead,
    instantly,
    heyreach,
    environment: { SMARTLEAD_BASE_URL: smartlead.apiUrl, INSTANTLY_BASE_URL: instantly.url, HEYREACH_BASE_URL: heyreach.apiBaseUrl() },
    apiKeys: { smartlead: DEFAULT_SMARTLEAD_API_KEY, instantly: INSTANTLY_SIM_API_KEY, heyreach: HEYREACH_SIMULATOR_DEFAULT_KEY },
    close: async () => {
      await Promise.all(started.map((server) => server.close()));
    },
  };
}
