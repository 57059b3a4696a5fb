// Child-process entry (see ../harness/child-server.ts): the Smartlead simulator the provider pair
// and the lead import call, unthrottled and seeded with a few sending inboxes for one API key. It
// runs apart from the load generator so that answering calls and making them never share an event
// loop.
import { createSmartleadSimulator } from '../../infrastructure/simulators/smartlead/smartlead-simulator.js';
import { serveFromChild } from '../harness/child-server.js';

export interface SmartleadSimulatorServerParameters {
  readonly apiKey: string;
  /** Inboxes seeded for the key; fewer than a page (100), so listing them is one request. */
  readonly emailAccounts: number;
  /**
   * An agency client owning the inboxes, for a company provisioned with that client id (the lead
   * import). Absent: the inboxes are the agency's own, as the provider pair's plain request sees them.
   */
  readonly clientId?: number;
  /**
   * Listen here instead of on a free port: a fresh simulator can take over from a stopped one at
   * the address a running service was configured with (the lead import restarts it between runs).
   */
  readonly port?: number;
}

/**
 * The simulator keeps a journal of every request for contract tests; under load it would grow by
 * every call of the run and make the later target pay for a bigger heap. Nothing reads it here.
 */
const JOURNAL_CLEAR_INTERVAL_MS = 500;

serveFromChild<SmartleadSimulatorServerParameters>(async ({ apiKey, emailAccounts, clientId, port = 0 }) => {
  const simulator = createSmartleadSimulator({
    apiKeys: [apiKey],
    rateLimit: null,
    ...(clientId === undefined ? {} : { clients: [{ id: clientId, name: 'Bench client', apiKey }] }),
    emailAccounts: Array.from({ length: emailAccounts }, (_, index) => ({
      apiKey,
      ...(clientId === undefined ? {} : { clientId }),
      fromEmail: `sender-${index + 1}@bench.example.com`,
      fromName: `Bench Sender ${index + 1}`,
      type: 'SMTP' as const,
      smtpOk: true,
      imapOk: true,
      warmupStatus: 'ACTIVE' as const,
      messagesPerDay: 40,
    })),
  });
  const url = await simulator.listen(port, '127.0.0.1');
  const journalTimer = setInterval(() => simulator.clearJournal(), JOURNAL_CLEAR_INTERVAL_MS);
  return {
    url,
    close: async () => {
      clearInterval(journalTimer);
      await simulator.close();
    },
  };
});
