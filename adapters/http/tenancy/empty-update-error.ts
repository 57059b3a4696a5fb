import { DomainError } from '../../../domain/shared/domain-error.js';

/**
 * A PUT whose body names nothing to change (`{}` or only nulls) is almost always a client bug,
 * such as a form serialised under the wrong keys; saying so beats a silent 200.
 */
export class EmptyUpdateError extends DomainError {
  readonly code = 'empty_update';
  readonly kind = 'rule_violation';

  constructor() {
    super('The request body names no field to change.');
  }
}
