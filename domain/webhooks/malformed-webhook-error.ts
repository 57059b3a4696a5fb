import { DomainError } from '../shared/domain-error.js';

/**
 * A delivery whose body is not a JSON object. `rule_violation` so it answers 400: the provider sent
 * something no retry will fix, and a 4xx tells it to stop retrying. The message never quotes the
 * body, which may carry personal data.
 */
export class MalformedWebhookError extends DomainError {
  readonly code = 'malformed_webhook';
  readonly kind = 'rule_violation';

  constructor(reason: string) {
    super(`The webhook body is not a JSON object: ${reason}.`);
  }
}
