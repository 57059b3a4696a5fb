/**
 * How an expected business outcome should be understood by whoever reports it. The HTTP adapter
 * maps each kind to one status; the domain never knows about HTTP.
 */
export type DomainErrorKind =
  | 'invalid_input'
  | 'rule_violation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited';

export interface FieldProblem {
  /** Path to the offending value, e.g. `['body', 'slug']`. */
  readonly loc: readonly (string | number)[];
  readonly msg: string;
  readonly type: string;
}

/**
 * Base for every expected business outcome. `code` is stable and machine-readable: clients branch
 * on it, so a code never changes meaning once released.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;
  readonly problems: readonly FieldProblem[];

  protected constructor(message: string, problems: readonly FieldProblem[] = []) {
    super(message);
    this.name = new.target.name;
    this.problems = problems;
  }
}

/** A value broke an invariant of the model; carries the field problems for the caller. */
export class InvalidInputError extends DomainError {
  readonly code = 'invalid_input';
  readonly kind = 'invalid_input';

  constructor(message: string, problems: readonly FieldProblem[]) {
    super(message, problems);
  }
}
