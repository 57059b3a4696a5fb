import type { Campaign } from '../../../domain/outreach/campaign.js';
import { CampaignNotFoundError } from '../../../domain/outreach/campaign-errors.js';
import type { Clock } from '../../shared/clock.port.js';
import type { TransactionRunner } from '../../shared/transaction-runner.port.js';
import type { ConnectedCapability } from '../capability-connections.js';
import type { EmailOutreachProvider } from '../email-outreach-provider.port.js';
import { ProviderCallError } from '../provider-call-error.js';
import { describeProviderFailure } from '../provider-failure-description.js';
import type { CampaignRepository } from './campaign.repository.js';

/**
 * Makes sure the provider holds a campaign, creating it when it does not — exactly once.
 *
 * The local row always exists first. A create whose answer was lost (timeout, 5xx: the HTTP
 * client never repeats such a POST) may still have made the campaign, so every attempt after the
 * first looks it up by its unique provider name and adopts it before creating anything. The row
 * is locked for the whole attempt, so two retries cannot both create. A failure is recorded on the
 * row (`failed` + reason, committed) and rethrown; any later operation that needs the provider
 * campaign repairs it by calling this again.
 */
export class ProviderCampaignLink {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /**
   * The provider's id of the campaign. Must not run inside another transaction: its outcome
   * commits on its own. `justStored` says the row was written by this very request, so no earlier
   * attempt can have left a campaign at the provider to adopt.
   */
  async ensureCreated(campaign: Campaign, connected: ConnectedCapability<EmailOutreachProvider>, options: { justStored?: boolean } = {}): Promise<string> {
    if (campaign.externalCampaignId !== null) return campaign.externalCampaignId;
    try {
      const externalId = await this.transactions.run(async () => {
        const locked = await this.campaigns.findByIdForUpdate(campaign.orgId, campaign.id);
        if (!locked) throw new CampaignNotFoundError();
        if (locked.externalCampaignId !== null) return locked.externalCampaignId;
        const created = await this.createOrAdopt(locked, connected, options.justStored === true);
        locked.markCreatedAtProvider(created, this.clock.now());
        await this.campaigns.save(locked);
        return created;
      });
      campaign.markCreatedAtProvider(externalId, this.clock.now());
      return externalId;
    } catch (error) {
      if (error instanceof ProviderCallError) await this.recordFailure(campaign, error);
      throw error;
    }
  }

  private async createOrAdopt(campaign: Campaign, { adapter, connection }: ConnectedCapability<EmailOutreachProvider>, justStored: boolean): Promise<string> {
    if (!justStored) {
      const existing = await adapter.findCampaignsByName(connection, campaign.providerCampaignName);
      const adopted = existing[0];
      if (adopted) return adopted.externalId;
    }
    const created = await adapter.createCampaign(connection, { name: campaign.providerCampaignName });
    return created.externalId;
  }

  private async recordFailure(campaign: Campaign, error: ProviderCallError): Promise<void> {
    const reason = describeProviderFailure(error).detail;
    await this.transactions.run(async () => {
      const locked = await this.campaigns.findByIdForUpdate(campaign.orgId, campaign.id);
      if (!locked || locked.externalCampaignId !== null) return;
      locked.markSyncFailed(reason, this.clock.now());
      await this.campaigns.save(locked);
    });
    campaign.markSyncFailed(reason, this.clock.now());
  }
}
