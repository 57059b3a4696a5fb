import type { MikroORM } from '@mikro-orm/postgresql';
import type { Container } from 'inversify';
import { PostgresProviderCallPacer } from '../../adapters/persistence/outreach/postgres-provider-call-pacer.js';
import { HeyReachLinkedInOutreachAdapter } from '../../adapters/providers/heyreach/heyreach-linkedin-outreach.adapter.js';
import { ProviderHttpClient, type ProviderHttpSettings } from '../../adapters/providers/http/provider-http-client.js';
import { InstantlyEmailOutreachAdapter } from '../../adapters/providers/instantly/instantly-email-outreach.adapter.js';
import { SmartleadEmailOutreachAdapter } from '../../adapters/providers/smartlead/smartlead-email-outreach.adapter.js';
import type { CapabilitySlug } from '../../domain/entitlements/capability.js';
import type { ProviderCallPacer } from '../../application/outreach/provider-call-pacer.port.js';
import { ProviderRegistry } from '../../application/outreach/provider-registry.js';
import type { ProviderRate, ProviderSettings } from '../config/provider-settings.js';
import { TOKENS as T } from './tokens.js';

/**
 * The provider layer: one paced, retrying HTTP client per provider (and per separately limited
 * endpoint), the three adapters, and the registry that finds them by the provider slug an
 * entitlement names. Which providers need a client mapping is a fact about each provider, stated
 * here once (Smartlead agencies serve many clients from one key).
 */
export function bindProviderAdapters(container: Container, settings: ProviderSettings): void {
  container
    .bind<ProviderCallPacer>(T.ProviderCallPacer)
    .toResolvedValue((db: MikroORM) => new PostgresProviderCallPacer(db, settings.arrivalJitterMs), [T.Orm]);

  container.bind<ProviderRegistry>(T.ProviderRegistry).toResolvedValue(
    (pacer: ProviderCallPacer) => {
      const client = (capability: CapabilitySlug, baseUrl: string, rate: ProviderRate) =>
        new ProviderHttpClient(capability, httpSettings(settings, baseUrl, rate), pacer);
      const smartlead = new SmartleadEmailOutreachAdapter(client('email_outreach', settings.smartlead.baseUrl, settings.smartlead.rate));
      const instantly = new InstantlyEmailOutreachAdapter(client('email_outreach', settings.instantly.baseUrl, settings.instantly.rate), {
        emailsHttp: client('email_outreach', settings.instantly.baseUrl, settings.instantly.emailsRate),
      });
      const heyreach = new HeyReachLinkedInOutreachAdapter(client('linkedin_outreach', settings.heyreach.baseUrl, settings.heyreach.rate));
      return new ProviderRegistry(
        new Map([
          ['smartlead', { adapter: smartlead, clientMapping: 'required' as const }],
          ['instantly', { adapter: instantly, clientMapping: 'none' as const }],
        ]),
        new Map([['heyreach', { adapter: heyreach, clientMapping: 'none' as const }]]),
      );
    },
    [T.ProviderCallPacer],
  );
}

function httpSettings(settings: ProviderSettings, baseUrl: string, rate: ProviderRate): ProviderHttpSettings {
  return {
    baseUrl,
    timeoutMs: settings.timeoutMs,
    maxAttempts: settings.maxAttempts,
    backoff: settings.backoff,
    maxRetryAfterMs: settings.maxRetryAfterMs,
    pacing: rate,
  };
}
