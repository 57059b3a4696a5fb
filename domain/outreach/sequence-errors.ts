import { DomainError, type FieldProblem } from '../shared/domain-error.js';

/**
 * A sequence whose values are each well-formed but do not fit together: steps out of order, a
 * first step that waits, variants with a gap in their labels, shares that do not add up.
 * One problem per offending value, located in the request body.
 */
export class InvalidSequenceError extends DomainError {
  readonly code = 'invalid_sequence';
  readonly kind = 'rule_violation';

  constructor(problems: readonly FieldProblem[]) {
    super(`The sequence breaks ${problems.length === 1 ? 'a rule' : `${problems.length} rules`}; see errors.`, problems);
  }
}

/** Also the answer for a version of a campaign the caller may not see. */
export class SequenceVersionNotFoundError extends DomainError {
  readonly code = 'sequence_version_not_found';
  readonly kind = 'not_found';

  constructor(readonly version: number) {
    super(`The campaign has no sequence version ${version}.`);
  }
}

/** Two saves of one campaign's sequence claimed the same version number; the later one may simply be retried. */
export class SequenceVersionConflictError extends DomainError {
  readonly code = 'sequence_version_conflict';
  readonly kind = 'conflict';

  constructor(readonly version: number) {
    super(`Another save stored version ${version} of this sequence at the same time. Reload it and save again.`);
  }
}
