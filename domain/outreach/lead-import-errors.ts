import { DomainError } from '../shared/domain-error.js';

/** Also the answer for an import of a campaign the caller cannot see. */
export class LeadImportNotFoundError extends DomainError {
  readonly code = 'lead_import_not_found';
  readonly kind = 'not_found';

  constructor() {
    super('Lead import not found.');
  }
}
