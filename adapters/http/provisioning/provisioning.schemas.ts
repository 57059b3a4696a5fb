import { z } from 'zod';
import { ENTITLEMENT_STATUSES, PROVISIONING_STATES } from '../../../domain/entitlements/entitlement.js';
import type { SenderAccountSyncReport } from '../../../application/provisioning/sync-sender-accounts.js';
import type { ProvisioningStatus } from '../../../application/provisioning/provisioning-status.js';

export const ProvisioningCompanyParams = z.strictObject({ company_id: z.uuid() });

/**
 * The contract's EmailOutreachProvisionRequest. Its provider enum names a provider we do not run
 * (`emailbison`) and lacks one we do; ours lists the email providers of the catalogue.
 */
export const EmailOutreachProvisionRequest = z
  .strictObject({
    provider: z.enum(['smartlead', 'instantly']).optional().describe("Defaults to the provider of the company's entitlement."),
    smartlead_client_id: z
      .number()
      .int()
      .positive()
      .nullish()
      .describe('The Smartlead client the company is bound to; kept from the previous provisioning when omitted. Refused for Instantly.'),
  })
  .meta({ id: 'EmailOutreachProvisionRequest' });

export const LinkedInOutreachProvisionRequest = z
  .strictObject({
    provider: z.enum(['heyreach']).optional().describe("Defaults to the provider of the company's entitlement."),
  })
  .meta({ id: 'LinkedInOutreachProvisionRequest' });

const statusFields = {
  company_id: z.uuid(),
  org_id: z.uuid(),
  provider: z.string().describe('Provider slug (super-admin routes only).'),
  entitlement_status: z.enum(ENTITLEMENT_STATUSES),
  provisioning_state: z
    .enum(PROVISIONING_STATES)
    .describe('`pending_client_mapping`: not provisioned yet, or (Smartlead) verified but waiting for a client id.'),
  last_error: z.string().nullable(),
  updated_at: z.iso.datetime(),
};

export const EmailOutreachProvisionResponse = z
  .object({ ...statusFields, capability: z.literal('email_outreach'), smartlead_client_id: z.number().int().nullable() })
  .meta({ id: 'EmailOutreachProvisionResponse' });

export const LinkedInOutreachProvisionResponse = z
  .object({ ...statusFields, capability: z.literal('linkedin_outreach') })
  .meta({ id: 'LinkedInOutreachProvisionResponse' });

const syncFields = {
  company_id: z.uuid(),
  synced_count: z.number().int().describe('Accounts stored or refreshed for the company.'),
  skipped_count: z.number().int().describe('Listed accounts not stored: held by another company of the organization, or without an address.'),
  updated_at: z.iso.datetime(),
  warnings: z.array(z.string()),
};

/** The contract's InboxSyncResponse; `smartlead_client_id` is null for providers without clients. */
export const InboxSyncResponse = z
  .object({ ...syncFields, smartlead_client_id: z.number().int().nullable() })
  .meta({ id: 'InboxSyncResponse' });

export const LinkedInAccountSyncResponse = z.object(syncFields).meta({ id: 'LinkedInAccountSyncResponse' });

/** Client ids are stored as text (providers differ); Smartlead's are integers on the wire. */
function numericClientId(clientId: string | null): number | null {
  return clientId === null ? null : Number(clientId);
}

function statusBody(status: ProvisioningStatus) {
  return {
    company_id: status.companyId,
    org_id: status.orgId,
    provider: status.providerSlug,
    entitlement_status: status.entitlementStatus,
    provisioning_state: status.provisioningState,
    last_error: status.lastError,
    updated_at: status.updatedAt.toISOString(),
  };
}

export function toEmailOutreachProvisionResponse(status: ProvisioningStatus): z.output<typeof EmailOutreachProvisionResponse> {
  return { ...statusBody(status), capability: 'email_outreach', smartlead_client_id: numericClientId(status.clientId) };
}

export function toLinkedInOutreachProvisionResponse(status: ProvisioningStatus): z.output<typeof LinkedInOutreachProvisionResponse> {
  return { ...statusBody(status), capability: 'linkedin_outreach' };
}

function syncBody(report: SenderAccountSyncReport) {
  const warnings: string[] = [];
  if (report.heldByAnotherCompany.length) {
    warnings.push(
      `${report.heldByAnotherCompany.length} listed account(s) already belong to another company of the organization and were left there: ${report.heldByAnotherCompany.join(', ')}.`,
    );
  }
  if (report.unusable) warnings.push(`${report.unusable} listed account(s) have no address and were not stored.`);
  if (report.deactivated) warnings.push(`${report.deactivated} account(s) are no longer listed by the provider and were marked inactive.`);
  return {
    company_id: report.companyId,
    synced_count: report.synced,
    skipped_count: report.heldByAnotherCompany.length + report.unusable,
    updated_at: report.at.toISOString(),
    warnings,
  };
}

export function toInboxSyncResponse(report: SenderAccountSyncReport): z.output<typeof InboxSyncResponse> {
  return { ...syncBody(report), smartlead_client_id: numericClientId(report.clientId) };
}

export function toLinkedInAccountSyncResponse(report: SenderAccountSyncReport): z.output<typeof LinkedInAccountSyncResponse> {
  return syncBody(report);
}
