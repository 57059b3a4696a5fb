import { DomainError } from '../../domain/shared/domain-error.js';

export interface PageRequest {
  readonly limit: number;
  /** Opaque keyset cursor from a previous page's `nextCursor`. */
  readonly after?: string | undefined;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Pass as `after` to get the next page; null on the last page. */
  readonly nextCursor: string | null;
}

export class InvalidCursorError extends DomainError {
  readonly code = 'invalid_cursor';
  readonly kind = 'invalid_input';

  constructor() {
    super('The pagination cursor is not valid.', [
      { loc: ['query', 'after'], msg: 'not a cursor returned by this list', type: 'invalid_cursor' },
    ]);
  }
}
