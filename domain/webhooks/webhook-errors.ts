import { DomainError } from '../shared/domain-error.js';

/** A delivery that proved nothing: no valid token, signature or shared secret. Says no more. */
export class WebhookUnauthenticatedError extends DomainError {
  readonly code = 'webhook_unauthenticated';
  readonly kind = 'unauthenticated';

  constructor() {
    super('The webhook delivery could not be authenticated.');
  }
}

export class WebhookEndpointNotFoundError extends DomainError {
  readonly code = 'webhook_endpoint_not_found';
  readonly kind = 'not_found';

  constructor() {
    super('Webhook endpoint not found.');
  }
}

export class WebhookEventNotFoundError extends DomainError {
  readonly code = 'webhook_event_not_found';
  readonly kind = 'not_found';

  constructor() {
    super('No stored webhook event matches.');
  }
}
