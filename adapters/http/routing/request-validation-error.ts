import type { FieldProblem } from '../../../domain/shared/domain-error.js';

/** The request broke its schema; answered with 422 and one problem per offending field. */
export class RequestValidationError extends Error {
  constructor(readonly problems: readonly FieldProblem[]) {
    super('Request validation failed.');
    this.name = 'RequestValidationError';
  }
}
