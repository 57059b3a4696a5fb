/** Campaign states as the engine and the front-end contract spell them. */
export const CAMPAIGN_STATUSES = ['DRAFTED', 'ACTIVE', 'PAUSED', 'STOPPED', 'COMPLETED'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/**
 * The states a tenant may ask for. DRAFTED is where every campaign starts and cannot be returned
 * to; COMPLETED is reached when the provider has nothing left to send, never on request.
 */
export const REQUESTABLE_CAMPAIGN_STATUSES = ['ACTIVE', 'PAUSED', 'STOPPED'] as const;
export type RequestableCampaignStatus = (typeof REQUESTABLE_CAMPAIGN_STATUSES)[number];

/**
 * Every move the engine makes. STOPPED and COMPLETED are final: a stopped campaign's leads have
 * been released at the provider and cannot be picked up again.
 */
const TRANSITIONS: Readonly<Record<CampaignStatus, readonly CampaignStatus[]>> = {
  DRAFTED: ['ACTIVE', 'STOPPED'],
  ACTIVE: ['PAUSED', 'STOPPED', 'COMPLETED'],
  PAUSED: ['ACTIVE', 'STOPPED', 'COMPLETED'],
  STOPPED: [],
  COMPLETED: [],
};

export function canMoveCampaign(from: CampaignStatus, to: CampaignStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isRequestableCampaignStatus(status: CampaignStatus): status is RequestableCampaignStatus {
  return (REQUESTABLE_CAMPAIGN_STATUSES as readonly CampaignStatus[]).includes(status);
}

export function isFinalCampaignStatus(status: CampaignStatus): boolean {
  return TRANSITIONS[status].length === 0;
}
