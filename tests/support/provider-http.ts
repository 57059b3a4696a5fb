import type { CapabilitySlug } from '../../domain/entitlements/capability.js';
import type { ProviderCallPacer } from '../../application/outreach/provider-call-pacer.port.js';
import { ProviderHttpClient, type ProviderHttpSettings, type Timing } from '../../adapters/providers/http/provider-http-client.js';
import { UnpacedProviderCallPacer } from './fakes/unpaced-provider-call-pacer.js';

/**
 * Timing that never really sleeps but remembers every wait the client asked for, so a test can
 * prove a `Retry-After` of 30 s was honoured without spending 30 s.
 */
export class RecordingTiming implements Timing {
  readonly sleeps: number[] = [];

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
  }

  random(): number {
    return 0.5;
  }

  now(): Date {
    return new Date();
  }

  monotonic(): number {
    return performance.now();
  }
}

/** Settings for tests: short timeout, four attempts, tiny backoff, no pacing worth the name. */
export function testProviderSettings(baseUrl: string, overrides: Partial<ProviderHttpSettings> = {}): ProviderHttpSettings {
  return {
    baseUrl,
    timeoutMs: 2_000,
    maxAttempts: 4,
    backoff: { baseMs: 10, maxMs: 100 },
    maxRetryAfterMs: 60_000,
    pacing: { limit: 1_000_000, windowMs: 1_000, burst: 1_000_000 },
    ...overrides,
  };
}

export interface TestProviderHttp {
  readonly client: ProviderHttpClient;
  readonly timing: RecordingTiming;
  readonly pacer: UnpacedProviderCallPacer;
}

/** A real HTTP client (real fetch, real sockets) with recorded, instant waits. */
export function testProviderHttp(
  capability: CapabilitySlug,
  baseUrl: string,
  overrides: Partial<ProviderHttpSettings> = {},
  pacer: ProviderCallPacer = new UnpacedProviderCallPacer(),
): TestProviderHttp {
  const timing = new RecordingTiming();
  const client = new ProviderHttpClient(capability, testProviderSettings(baseUrl, overrides), pacer, timing);
  return { client, timing, pacer: pacer as UnpacedProviderCallPacer };
}
