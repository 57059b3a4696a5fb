import { z } from 'zod';

/**
 * Providers send counts as numbers or as numeric strings, and sometimes null for zero. Parsed
 * tolerantly, validated strictly: anything that is not a count fails the response's validation.
 */
export const lenientCount = z
  .union([z.number(), z.string().regex(/^\s*-?\d+(\.\d+)?\s*$/), z.null()])
  .optional()
  .transform((value) => (value === null || value === undefined ? 0 : Number(value)))
  .pipe(z.number().finite().min(0));

/** An id that arrives as a number from some endpoints and a string from others. */
export const lenientId = z.union([z.number().int(), z.string().min(1)]).transform((value) => String(value));

/** Optional text the provider may omit, null, or leave empty. */
export const optionalText = z
  .string()
  .nullish()
  .transform((value) => (value === undefined || value === null || value === '' ? null : value));

/**
 * The list inside a response whose envelope varies between endpoints and versions: a bare array,
 * or the array under one of `keys`. Anything else is not a list.
 */
export function listIn(body: unknown, keys: readonly string[]): unknown[] | null {
  if (Array.isArray(body)) return body;
  if (body && typeof body === 'object') {
    for (const key of keys) {
      const value = (body as Record<string, unknown>)[key];
      if (Array.isArray(value)) return value;
    }
  }
  return null;
}
