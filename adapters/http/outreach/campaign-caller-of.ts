import type { CampaignCaller } from '../../../application/outreach/campaigns/campaign-caller.js';
import type { TenantPrincipal } from '../auth/principal.js';

/** The campaign use cases' view of an authenticated tenant. */
export function campaignCallerOf(principal: TenantPrincipal): CampaignCaller {
  return { orgId: principal.orgId, userId: principal.userId, role: principal.role, companyId: principal.companyId };
}
