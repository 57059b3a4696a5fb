import { DomainError } from '../../../domain/shared/domain-error.js';

/** A list was asked for by cursor and by offset at once: the two positions could disagree. */
export class PagingConflictError extends DomainError {
  readonly code = 'paging_conflict';
  readonly kind = 'invalid_input';

  constructor() {
    super('Page either by `after` (the cursor from X-Next-Cursor) or by `offset`, not both.', [
      { loc: ['query', 'offset'], msg: 'cannot be combined with after', type: 'paging_conflict' },
    ]);
  }
}
