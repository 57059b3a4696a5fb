import type { z } from 'zod';
import { RequestValidationError } from './request-validation-error.js';

export type RequestPart = 'path' | 'query' | 'body';

/** Validates one part of the request; problems name the part first, e.g. `['body', 'slug']`. */
export function parseRequestPart<S extends z.ZodType>(part: RequestPart, schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new RequestValidationError(
    result.error.issues.map((issue) => ({
      loc: [part, ...issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment))],
      msg: issue.message,
      type: issue.code,
    })),
  );
}
