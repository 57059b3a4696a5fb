// Child-process entry (see ../harness/child-server.ts): the Instantly simulator the lead import
// hands its leads to — one workspace with one API key and two sending inboxes, every limit of the
// simulator off, so what is measured is the engine's work and the simulator's answers, never a 429.
import { createInstantlySimulator } from '../../infrastructure/simulators/instantly/instantly-simulator.js';
import { serveFromChild } from '../harness/child-server.js';

export interface InstantlySimulatorServerParameters {
  readonly apiKey: string;
}

/** The journal keeps every request body (10,000 leads per import); nothing reads it here. */
const JOURNAL_CLEAR_INTERVAL_MS = 500;

serveFromChild<InstantlySimulatorServerParameters>(async ({ apiKey }) => {
  const simulator = createInstantlySimulator({
    workspaces: [
      {
        apiKeys: [apiKey],
        accounts: [
          { email: 'sender-1@bench-instantly.example.com', first_name: 'Bench', last_name: 'Sender' },
          { email: 'sender-2@bench-instantly.example.com', first_name: 'Bench', last_name: 'Sender' },
        ],
      },
    ],
    rateLimit: null,
    perSecondLimit: null,
    emailsRateLimit: null,
  });
  const url = await simulator.listen(0, '127.0.0.1');
  const journalTimer = setInterval(() => simulator.clearJournal(), JOURNAL_CLEAR_INTERVAL_MS);
  return {
    url,
    close: async () => {
      clearInterval(journalTimer);
      await simulator.close();
    },
  };
});
