import { z } from 'zod';

/**
 * A boolean query parameter. Query strings carry text, and `z.coerce.boolean()` would read
 * "false" as true; only the spellings below are accepted.
 */
export const queryFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');
