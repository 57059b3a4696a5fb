import { DomainError } from '../shared/domain-error.js';

/**
 * No lead with this id belongs to the campaign named in the request. Also the answer for a lead
 * of another campaign, company or organization: existence never leaks.
 */
export class LeadNotFoundError extends DomainError {
  readonly code = 'lead_not_found';
  readonly kind = 'not_found';

  constructor() {
    super('Lead not found in this campaign.');
  }
}
