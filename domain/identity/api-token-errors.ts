import { DomainError } from '../shared/domain-error.js';

export class ApiTokenNotFoundError extends DomainError {
  readonly code = 'api_token_not_found';
  readonly kind = 'not_found';

  constructor() {
    super('API token not found.');
  }
}

export class ApiTokenExpiryInPastError extends DomainError {
  readonly code = 'api_token_expiry_in_past';
  readonly kind = 'invalid_input';

  constructor() {
    super('expires_at must be in the future.', [{ loc: ['expires_at'], msg: 'must be in the future', type: 'in_past' }]);
  }
}
