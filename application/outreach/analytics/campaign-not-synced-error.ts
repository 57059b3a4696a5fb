import { capabilityMidSentence } from '../../../domain/entitlements/capability.js';
import { DomainError } from '../../../domain/shared/domain-error.js';

/**
 * The campaign does not exist at the capability yet, so there is nothing to ask it about. A read
 * never creates it: any status change, sequence save or lead import does.
 */
export class CampaignNotSyncedError extends DomainError {
  readonly code = 'campaign_not_synced';
  readonly kind = 'conflict';

  constructor() {
    super(
      `The campaign has not been created at ${capabilityMidSentence('email_outreach')} yet (sync_state pending or failed), so it has no statistics there. ` +
        'Changing its status, saving its sequence or adding leads completes the creation.',
    );
  }
}
