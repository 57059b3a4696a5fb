import { z } from 'zod';
import { HEYREACH_DEFAULT_BASE_URL, HEYREACH_PACING } from '../../adapters/providers/heyreach/heyreach-limits.js';
import { INSTANTLY_EMAILS_PACING, INSTANTLY_WORKSPACE_PACING } from '../../adapters/providers/instantly/instantly-pacing.js';
import { SMARTLEAD_DEFAULT_BASE_URL, SMARTLEAD_PACING } from '../../adapters/providers/smartlead/smartlead-limits.js';

/**
 * Environment variables of the provider layer: where each provider lives, how patient a call is,
 * and how fast each provider account may be called. Defaults are the adapters' own constants, so
 * the reasoning behind each lives next to the code that speaks that API (providers.md):
 * - Smartlead: 50 per minute per key, bursts of 5 — headroom under its Standard plan's 60/min;
 * - Instantly: 100 per second per workspace, bursts of 10 — the schedule keeps 91/s, which also
 *   stays under its 6,000/min; `GET /emails` has its own 20 per minute;
 * - HeyReach: 300 per minute per key, bursts of 10.
 */
const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const windowMs = count(100, 3_600_000);

export const ProviderEnvironmentSchema = z.object({
  SMARTLEAD_BASE_URL: z.url().default(SMARTLEAD_DEFAULT_BASE_URL),
  INSTANTLY_BASE_URL: z.url().default('https://api.instantly.ai'),
  HEYREACH_BASE_URL: z.url().default(HEYREACH_DEFAULT_BASE_URL),
  PROVIDER_TIMEOUT_MS: count(100, 300_000).default(15_000),
  PROVIDER_MAX_ATTEMPTS: count(1, 10).default(4),
  PROVIDER_BACKOFF_BASE_MS: count(1, 60_000).default(500),
  PROVIDER_BACKOFF_MAX_MS: count(1, 300_000).default(8_000),
  PROVIDER_MAX_RETRY_AFTER_MS: count(0, 600_000).default(60_000),
  PROVIDER_ARRIVAL_JITTER_MS: count(0, 60_000).default(250),
  SMARTLEAD_RATE_LIMIT: count(1, 100_000).default(SMARTLEAD_PACING.limit),
  SMARTLEAD_RATE_WINDOW_MS: windowMs.default(SMARTLEAD_PACING.windowMs),
  SMARTLEAD_RATE_BURST: count(1, 100_000).default(SMARTLEAD_PACING.burst),
  INSTANTLY_RATE_LIMIT: count(1, 100_000).default(INSTANTLY_WORKSPACE_PACING.limit),
  INSTANTLY_RATE_WINDOW_MS: windowMs.default(INSTANTLY_WORKSPACE_PACING.windowMs),
  INSTANTLY_RATE_BURST: count(1, 100_000).default(INSTANTLY_WORKSPACE_PACING.burst),
  INSTANTLY_EMAILS_RATE_LIMIT: count(1, 100_000).default(INSTANTLY_EMAILS_PACING.limit),
  INSTANTLY_EMAILS_RATE_WINDOW_MS: windowMs.default(INSTANTLY_EMAILS_PACING.windowMs),
  INSTANTLY_EMAILS_RATE_BURST: count(1, 100_000).default(INSTANTLY_EMAILS_PACING.burst),
  HEYREACH_RATE_LIMIT: count(1, 100_000).default(HEYREACH_PACING.limit),
  HEYREACH_RATE_WINDOW_MS: windowMs.default(HEYREACH_PACING.windowMs),
  HEYREACH_RATE_BURST: count(1, 100_000).default(HEYREACH_PACING.burst),
});

export type ProviderEnvironment = z.output<typeof ProviderEnvironmentSchema>;

export interface ProviderRate {
  readonly limit: number;
  readonly windowMs: number;
  readonly burst: number;
}

export interface ProviderSettings {
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly backoff: { readonly baseMs: number; readonly maxMs: number };
  readonly maxRetryAfterMs: number;
  /** Lateness between a paced slot and the call's arrival that the schedule absorbs. */
  readonly arrivalJitterMs: number;
  readonly smartlead: { readonly baseUrl: string; readonly rate: ProviderRate };
  readonly instantly: { readonly baseUrl: string; readonly rate: ProviderRate; readonly emailsRate: ProviderRate };
  readonly heyreach: { readonly baseUrl: string; readonly rate: ProviderRate };
}

/** Base URLs are kept without a trailing slash: adapters append paths that start with one. */
function baseUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

export function providerSettingsFrom(env: ProviderEnvironment): ProviderSettings {
  return {
    timeoutMs: env.PROVIDER_TIMEOUT_MS,
    maxAttempts: env.PROVIDER_MAX_ATTEMPTS,
    backoff: { baseMs: env.PROVIDER_BACKOFF_BASE_MS, maxMs: Math.max(env.PROVIDER_BACKOFF_BASE_MS, env.PROVIDER_BACKOFF_MAX_MS) },
    maxRetryAfterMs: env.PROVIDER_MAX_RETRY_AFTER_MS,
    arrivalJitterMs: env.PROVIDER_ARRIVAL_JITTER_MS,
    smartlead: {
      baseUrl: baseUrl(env.SMARTLEAD_BASE_URL),
      rate: { limit: env.SMARTLEAD_RATE_LIMIT, windowMs: env.SMARTLEAD_RATE_WINDOW_MS, burst: env.SMARTLEAD_RATE_BURST },
    },
    instantly: {
      baseUrl: baseUrl(env.INSTANTLY_BASE_URL),
      rate: { limit: env.INSTANTLY_RATE_LIMIT, windowMs: env.INSTANTLY_RATE_WINDOW_MS, burst: env.INSTANTLY_RATE_BURST },
      emailsRate: { limit: env.INSTANTLY_EMAILS_RATE_LIMIT, windowMs: env.INSTANTLY_EMAILS_RATE_WINDOW_MS, burst: env.INSTANTLY_EMAILS_RATE_BURST },
    },
    heyreach: {
      baseUrl: baseUrl(env.HEYREACH_BASE_URL),
      rate: { limit: env.HEYREACH_RATE_LIMIT, windowMs: env.HEYREACH_RATE_WINDOW_MS, burst: env.HEYREACH_RATE_BURST },
    },
  };
}
