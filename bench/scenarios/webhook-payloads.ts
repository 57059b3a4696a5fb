// The bodies the webhook-ingestion scenario sends: every sample payload of every provider
// (tests/fixtures/webhook-samples/<provider>/*.json, read by path at run time — bench/ may not
// import test code, and a copy would drift from the samples the parser is tested with), taken in
// turn, each request made a new event by giving it a field its event key is derived from that no
// request before carried (docs/webhooks/parsing.md, "Event keys"):
//
// - Smartlead: `stats_id` — the first identifying field of the hashed tuple, and part of the
//   whole-payload hash for the events that have no `event_timestamp`;
// - Instantly: `email_id` — the key is "<email_id>:<event_type>";
// - HeyReach: `correlation_id` — the key itself.
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const WEBHOOK_PROVIDERS = ['smartlead', 'instantly', 'heyreach'] as const;
export type WebhookProvider = (typeof WEBHOOK_PROVIDERS)[number];

const SAMPLES_DIRECTORY = new URL('../../tests/fixtures/webhook-samples/', import.meta.url);

/** The field each provider's event key is derived from, made unique per request. */
const UNIQUE_FIELD: Readonly<Record<WebhookProvider, string>> = {
  smartlead: 'stats_id',
  instantly: 'email_id',
  heyreach: 'correlation_id',
};

export interface WebhookPayloadMix {
  /** How many samples of each provider the mix cycles through. */
  readonly samplesPerProvider: Readonly<Record<WebhookProvider, number>>;
  /** The provider of the n-th delivery (n = 1, 2, …): that of sample (n - 1) mod samples. */
  providerOf(n: number): WebhookProvider;
  /** The n-th delivery's body: that sample with a key no other n has. */
  bodyOf(n: number): string;
}

/**
 * `runTag` keeps keys apart between targets and runs sharing a database (the baseline's table is
 * keyed the same way): request n of two mixes with different tags never collide.
 */
export async function loadWebhookPayloadMix(runTag: string): Promise<WebhookPayloadMix> {
  const samples: { provider: WebhookProvider; payload: Record<string, unknown> }[] = [];
  const samplesPerProvider = { smartlead: 0, instantly: 0, heyreach: 0 };
  for (const provider of WEBHOOK_PROVIDERS) {
    const directory = new URL(`${provider}/`, SAMPLES_DIRECTORY);
    const files = (await readdir(fileURLToPath(directory))).filter((file) => file.endsWith('.json')).sort();
    for (const file of files) {
      samples.push({ provider, payload: JSON.parse(await readFile(new URL(file, directory), 'utf8')) as Record<string, unknown> });
      samplesPerProvider[provider] += 1;
    }
  }
  if (samples.length === 0) throw new Error(`no webhook samples under ${fileURLToPath(SAMPLES_DIRECTORY)}`);
  // Providers interleaved (smartlead, instantly, heyreach, smartlead, …) so every second of load
  // carries the mix, not one provider's run of samples after another's.
  const interleaved = interleave(WEBHOOK_PROVIDERS.map((provider) => samples.filter((sample) => sample.provider === provider)));
  const prefix = `${runTag}-${randomBytes(4).toString('hex')}`;
  return {
    samplesPerProvider,
    providerOf: (n) => sampleAt(n).provider,
    bodyOf: (n) => {
      const sample = sampleAt(n);
      return JSON.stringify({ ...sample.payload, [UNIQUE_FIELD[sample.provider]]: `${prefix}-${n}` });
    },
  };

  function sampleAt(n: number): (typeof samples)[number] {
    const sample = interleaved[(n - 1) % interleaved.length];
    if (!sample) throw new Error('unreachable: the mix is not empty');
    return sample;
  }
}

function interleave<T>(lists: readonly (readonly T[])[]): T[] {
  const longest = Math.max(...lists.map((list) => list.length));
  const result: T[] = [];
  for (let index = 0; index < longest; index += 1) {
    for (const list of lists) {
      const item = list[index];
      if (item !== undefined) result.push(item);
    }
  }
  return result;
}
