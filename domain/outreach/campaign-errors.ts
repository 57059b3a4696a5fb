import { DomainError } from '../shared/domain-error.js';
import type { CampaignStatus } from './campaign-status.js';

/** Also the answer for a campaign of another organization or company: existence never leaks. */
export class CampaignNotFoundError extends DomainError {
  readonly code = 'campaign_not_found';
  readonly kind = 'not_found';

  constructor() {
    super('Campaign not found.');
  }
}

export class IllegalCampaignTransitionError extends DomainError {
  readonly code = 'illegal_campaign_transition';
  readonly kind = 'conflict';

  constructor(
    readonly from: CampaignStatus,
    readonly to: CampaignStatus,
  ) {
    super(
      from === 'STOPPED' || from === 'COMPLETED'
        ? `The campaign is ${from}, which is final; it cannot become ${to}.`
        : `The campaign is ${from}; it cannot become ${to}.`,
    );
  }
}

/** Sequences change only while nothing is being sent from them. */
export class SequenceLockedError extends DomainError {
  readonly code = 'sequence_locked';
  readonly kind = 'conflict';

  constructor(readonly status: CampaignStatus) {
    super(
      status === 'ACTIVE'
        ? 'The campaign is ACTIVE; pause it before changing its sequence.'
        : `The campaign is ${status}; its sequence can no longer change.`,
    );
  }
}

/** Leads join only campaigns that can still send to them. */
export class CampaignClosedError extends DomainError {
  readonly code = 'campaign_closed';
  readonly kind = 'conflict';

  constructor(readonly status: CampaignStatus) {
    super(`The campaign is ${status}; it takes no more leads.`);
  }
}

/** A campaign launches with something to send. */
export class SequenceRequiredError extends DomainError {
  readonly code = 'sequence_required';
  readonly kind = 'conflict';

  constructor() {
    super('The campaign has no sequence yet; save one before making it ACTIVE.');
  }
}

/**
 * The company's capability is now fulfilled by another connection than the one the campaign was
 * created with: the campaign's provider-side ids mean nothing there.
 */
export class CampaignConnectionChangedError extends DomainError {
  readonly code = 'campaign_connection_changed';
  readonly kind = 'conflict';

  constructor() {
    super("The company's email outreach now runs on another connection than this campaign was created with; create a new campaign.");
  }
}
