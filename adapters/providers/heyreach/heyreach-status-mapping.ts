import type { ProviderLeadStatus } from '../../../application/outreach/email-outreach-provider.port.js';
import type { LinkedInCampaignStatus } from '../../../application/outreach/linkedin-outreach-provider.port.js';

/**
 * HeyReach campaign states (providers.md §3.1) in the engine's words. STARTING and SCHEDULED are
 * on their way to running by themselves, so the engine treats them as active; CANCELED is the
 * only state nothing brings back, which is what STOPPED means to the engine.
 */
const CAMPAIGN_STATUS: Readonly<Record<string, LinkedInCampaignStatus>> = {
  DRAFT: 'DRAFTED',
  IN_PROGRESS: 'ACTIVE',
  STARTING: 'ACTIVE',
  SCHEDULED: 'ACTIVE',
  PAUSED: 'PAUSED',
  FINISHED: 'COMPLETED',
  CANCELED: 'STOPPED',
  FAILED: 'FAILED',
};

/**
 * Null for a state HeyReach has not documented: start-versus-resume decisions hang on this value,
 * so the adapter reports an unknown one as a malformed response instead of guessing.
 */
export function campaignStatusFromHeyReach(status: string): LinkedInCampaignStatus | null {
  return CAMPAIGN_STATUS[status.trim().toUpperCase()] ?? null;
}

/**
 * `leadCampaignStatus` of `GetLeadsFromCampaign`. Failed (HeyReach gave up on the lead, e.g. an
 * unreachable profile) and Excluded (filtered by the campaign's exclusion rules or the blacklist)
 * both mean "will not be contacted and did not finish the sequence": the engine's `skipped`.
 * Keys are compared without case or separators, since live notes spell them InProgress and
 * InSequence alike.
 */
const LEAD_STATUS: Readonly<Record<string, ProviderLeadStatus>> = {
  pending: 'pending',
  inprogress: 'active',
  insequence: 'active',
  paused: 'paused',
  finished: 'completed',
  failed: 'skipped',
  manuallystopped: 'stopped',
  excluded: 'skipped',
};

/**
 * A state this table does not know still names a lead that sits in the campaign; listing must
 * not fail over it, and `active` neither drops the lead nor counts it as done.
 */
export function leadStatusFromHeyReach(status: string | null | undefined): ProviderLeadStatus {
  if (!status) return 'pending';
  return LEAD_STATUS[status.replace(/[\s_-]/g, '').toLowerCase()] ?? 'active';
}
