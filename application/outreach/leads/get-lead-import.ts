import type { LeadImport } from '../../../domain/outreach/lead-import.js';
import { LeadImportNotFoundError } from '../../../domain/outreach/lead-import-errors.js';
import { findCampaignFor, type CampaignCaller } from '../campaigns/campaign-caller.js';
import type { CampaignRepository } from '../campaigns/campaign.repository.js';
import type { LeadImportRepository } from './lead-import.repository.js';

/** Progress and per-reason counts of one import of a campaign the caller may see. */
export class GetLeadImport {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly imports: LeadImportRepository,
  ) {}

  async execute(query: { readonly caller: CampaignCaller; readonly campaignId: string; readonly importId: string }): Promise<LeadImport> {
    const campaign = await findCampaignFor(this.campaigns, query.caller, query.campaignId);
    const found = await this.imports.findById(campaign.orgId, campaign.id, query.importId);
    if (!found) throw new LeadImportNotFoundError();
    return found;
  }
}
