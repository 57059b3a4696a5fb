import { z } from 'zod';

/*
 * Field schemas for webhook payloads. Providers change shapes without notice and the samples are
 * partly inferred, so a field of an unexpected type reads as absent (`.catch(null)`) instead of
 * failing the whole delivery: an event with fewer facts is still stored and projected as far as
 * it can be.
 */

/** Non-empty text; blank or non-string is null. */
export const webhookText = z
  .unknown()
  .transform((value) => (typeof value === 'string' && value.trim() !== '' ? value : null))
  .catch(null);

/** An id sent as a number by some events and a string by others. */
export const webhookId = z
  .unknown()
  .transform((value) => {
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    return null;
  })
  .catch(null);

/** A positive integer (sequence steps are 1-based), also from a numeric string. */
export const webhookStep = z
  .unknown()
  .transform((value) => {
    const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
    return typeof number === 'number' && Number.isInteger(number) && number > 0 ? number : null;
  })
  .catch(null);

/** An ISO-8601 (or other Date-parsable) timestamp; unparsable is null, never an Invalid Date. */
export const webhookTimestamp = z
  .unknown()
  .transform((value) => {
    if (typeof value !== 'string' || value.trim() === '') return null;
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  })
  .catch(null);

export const webhookFlag = z
  .unknown()
  .transform((value) => (typeof value === 'boolean' ? value : null))
  .catch(null);

/** A list of non-empty strings; other entries are dropped, a non-list is empty. */
export const webhookTextList = z
  .unknown()
  .transform((value) => (Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '') : []))
  .catch([]);

/** A nested object read with its own field schemas; anything that is not an object reads as {}. */
export function webhookObject<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.preprocess((value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {}), z.looseObject(shape));
}

/** A list of objects; entries that are not objects are dropped, a non-list is empty. */
export function webhookList<Item extends z.ZodType>(item: Item) {
  return z.preprocess(
    (value) => (Array.isArray(value) ? value.filter((entry) => entry !== null && typeof entry === 'object' && !Array.isArray(entry)) : []),
    z.array(item),
  );
}
