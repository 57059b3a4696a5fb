import { z } from 'zod';
import type { Page } from '../../../application/shared/pagination.js';
import type { ResponseSpec, RouteResult } from './route.js';

/**
 * Lists answer a plain array, as the reference contract's lists do; the keyset cursor for the
 * next page travels in a header so the body shape stays the contract's.
 */
export const NEXT_CURSOR_HEADER = 'X-Next-Cursor';

/** The `limit` and `after` query parameters every keyset-paginated list accepts. */
export const pageQueryFields = {
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('Page size.'),
  after: z.string().min(1).max(200).optional().describe(`Cursor from the previous page's ${NEXT_CURSOR_HEADER} header.`),
};

export function pagedResponseSpec(description: string, schema: z.ZodType): ResponseSpec {
  return { description, schema, headers: { [NEXT_CURSOR_HEADER]: { description: 'Present when another page exists.' } } };
}

export function pagedResult<T>(page: Page<T>, toResponse: (item: T) => unknown): RouteResult {
  return {
    status: 200,
    body: page.items.map(toResponse),
    ...(page.nextCursor ? { headers: { [NEXT_CURSOR_HEADER]: page.nextCursor } } : {}),
  };
}
