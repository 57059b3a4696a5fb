import type { CreateEntitlement } from '../../application/entitlements/create-entitlement.js';
import type { EntitlementRepository } from '../../application/entitlements/entitlement.repository.js';
import type { Clock } from '../../application/shared/clock.port.js';
import type { TransactionRunner } from '../../application/shared/transaction-runner.port.js';
import type { CapabilitySlug } from '../../domain/entitlements/capability.js';
import { TOKENS } from '../../infrastructure/container/tokens.js';
import type { RunningServer } from '../../infrastructure/server/start-server.js';
import { CAPABILITY_IDS, PROVIDER_IDS, type SeededProviderSlug } from './catalogue-ids.js';

/**
 * An entitlement granted through the running service's own use case by the system actor, so no
 * principal under test is involved in making the target of a request.
 */
export async function grantEntitlement(
  server: RunningServer,
  target: { orgId: string; companyId: string; capability?: CapabilitySlug; provider?: SeededProviderSlug },
): Promise<{ id: string }> {
  const capability = target.capability ?? 'email_outreach';
  const entitlement = await server.application.container.get<CreateEntitlement>(TOKENS.CreateEntitlement).execute({
    context: { actor: { type: 'system' }, requestId: 'test-fixture' },
    orgId: target.orgId,
    companyId: target.companyId,
    capabilityId: CAPABILITY_IDS[capability],
    providerId: PROVIDER_IDS[target.provider ?? (capability === 'email_outreach' ? 'smartlead' : 'heyreach')],
  });
  return { id: entitlement.id };
}

/**
 * What provisioning does once it has verified a connection, through the same repository and
 * domain method, so a test reaches the connected states without a provider behind it.
 */
export async function markProvisioned(server: RunningServer, orgId: string, entitlementId: string): Promise<void> {
  const { container } = server.application;
  const entitlements = container.get<EntitlementRepository>(TOKENS.EntitlementRepository);
  const clock = container.get<Clock>(TOKENS.Clock);
  await container.get<TransactionRunner>(TOKENS.TransactionRunner).run(async () => {
    const entitlement = await entitlements.findById(orgId, entitlementId);
    if (!entitlement) throw new Error(`no live entitlement ${entitlementId} in organization ${orgId}`);
    entitlement.markConnected({ providerClientId: 'fixture-client', at: clock.now() });
    await entitlements.save(entitlement);
  });
}
