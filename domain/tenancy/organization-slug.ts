import { InvalidInputError } from '../shared/domain-error.js';

/** Slugs appear in URLs and tokenised webhook addresses, so they stay lowercase ASCII words. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export const SLUG_MAX_LENGTH = 63;

export function assertValidSlug(slug: string): string {
  if (!SLUG_PATTERN.test(slug)) {
    throw new InvalidInputError('Slug must be 1-63 lowercase letters, digits or inner hyphens.', [
      {
        loc: ['slug'],
        msg: 'must be 1-63 lowercase letters, digits or inner hyphens, starting and ending with a letter or digit',
        type: 'slug_format',
      },
    ]);
  }
  return slug;
}
