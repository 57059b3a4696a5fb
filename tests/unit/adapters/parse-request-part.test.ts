import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseRequestPart } from '../../../adapters/http/routing/parse-request-part.js';
import { RequestValidationError } from '../../../adapters/http/routing/request-validation-error.js';

const Body = z.strictObject({
  name: z.string().max(5),
  slug: z.string(),
  tags: z.array(z.string()).default([]),
});

function problemsOf(action: () => unknown) {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(RequestValidationError);
    return (error as RequestValidationError).problems;
  }
  throw new Error('expected a RequestValidationError');
}

describe('parseRequestPart', () => {
  it('returns the parsed output, defaults applied', () => {
    expect(parseRequestPart('body', Body, { name: 'Acme', slug: 'acme' })).toEqual({ name: 'Acme', slug: 'acme', tags: [] });
  });

  it('coerces query strings through the schema', () => {
    const Query = z.object({ limit: z.coerce.number().int().default(20) });

    expect(parseRequestPart('query', Query, { limit: '5' })).toEqual({ limit: 5 });
  });

  it('names the request part first in every problem, one problem per offending field', () => {
    const problems = problemsOf(() => parseRequestPart('body', Body, { name: 'far too long', tags: ['ok', 7] }));

    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ loc: ['body', 'name'], type: 'too_big' }),
        expect.objectContaining({ loc: ['body', 'slug'], type: 'invalid_type' }),
        expect.objectContaining({ loc: ['body', 'tags', 1], type: 'invalid_type' }),
      ]),
    );
    expect(problems).toHaveLength(3);
    for (const problem of problems) expect(problem.msg).toEqual(expect.any(String));
  });

  it('reports unknown keys of a strict object', () => {
    const problems = problemsOf(() => parseRequestPart('query', z.strictObject({}), { surprise: '1' }));

    expect(problems).toEqual([expect.objectContaining({ loc: ['query'], type: 'unrecognized_keys' })]);
  });

  it('reports a wholly missing body at the part itself', () => {
    const problems = problemsOf(() => parseRequestPart('body', Body, undefined));

    expect(problems).toEqual([expect.objectContaining({ loc: ['body'], type: 'invalid_type' })]);
  });

  it('uses the path part for path parameters', () => {
    const problems = problemsOf(() => parseRequestPart('path', z.object({ org_id: z.uuid() }), { org_id: 'nope' }));

    expect(problems).toEqual([expect.objectContaining({ loc: ['path', 'org_id'] })]);
  });
});
