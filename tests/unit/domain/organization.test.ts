import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../domain/shared/domain-error.js';
import { ORGANIZATION_NAME_MAX_LENGTH, Organization } from '../../../domain/tenancy/organization.js';
import { SLUG_MAX_LENGTH, SLUG_PATTERN, assertValidSlug } from '../../../domain/tenancy/organization-slug.js';

const ID = '00000000-0000-4000-8000-000000000001';
const T0 = new Date('2025-01-01T00:00:00.000Z');
const T1 = new Date('2025-01-02T00:00:00.000Z');
const T2 = new Date('2025-01-03T00:00:00.000Z');

function register(overrides: Partial<{ name: string; slug: string }> = {}): Organization {
  return Organization.register({ id: ID, name: overrides.name ?? 'Acme', slug: overrides.slug ?? 'acme', now: T0 });
}

function captureError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('Organization.register', () => {
  it('starts in onboarding, live, with createdAt = updatedAt = now', () => {
    const organization = register();

    expect(organization).toMatchObject({ id: ID, name: 'Acme', slug: 'acme', status: 'onboarding', deletedAt: null });
    expect(organization.isDeleted).toBe(false);
    expect(organization.createdAt).toEqual(T0);
    expect(organization.updatedAt).toEqual(T0);
  });

  it('trims the name', () => {
    expect(register({ name: '  Acme Corp \t\n' }).name).toBe('Acme Corp');
  });

  it('allows an empty name while onboarding', () => {
    expect(register({ name: '   ' }).name).toBe('');
  });

  it(`accepts a name of exactly ${ORGANIZATION_NAME_MAX_LENGTH} characters, counted after trimming`, () => {
    const name = 'n'.repeat(ORGANIZATION_NAME_MAX_LENGTH);
    expect(register({ name: `  ${name}  ` }).name).toBe(name);
  });

  it(`rejects a name longer than ${ORGANIZATION_NAME_MAX_LENGTH} characters with a field problem on name`, () => {
    const error = captureError(() => register({ name: 'n'.repeat(ORGANIZATION_NAME_MAX_LENGTH + 1) }));

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ code: 'invalid_input', kind: 'invalid_input' });
    expect((error as InvalidInputError).problems).toEqual([expect.objectContaining({ loc: ['name'], type: 'too_long' })]);
  });

  it.each([
    ['empty', ''],
    ['uppercase', 'Acme'],
    ['space', 'ac me'],
    ['leading hyphen', '-acme'],
    ['trailing hyphen', 'acme-'],
    ['underscore', 'ac_me'],
    ['non-ASCII letter', 'acmé'],
    ['dot', 'acme.io'],
    ['surrounding whitespace (slugs are not trimmed)', ' acme '],
    ['too long', 'a'.repeat(SLUG_MAX_LENGTH + 1)],
  ])('rejects a slug that is %s', (_label, slug) => {
    const error = captureError(() => register({ slug }));

    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems).toEqual([expect.objectContaining({ loc: ['slug'], type: 'slug_format' })]);
  });

  it.each([['a'], ['7'], ['a-b'], ['acme-2025'], ['a--b'], ['a'.repeat(SLUG_MAX_LENGTH)]])('accepts the slug %s', (slug) => {
    expect(register({ slug }).slug).toBe(slug);
  });
});

describe('Organization.update', () => {
  it('returns false and leaves updatedAt alone when nothing is given', () => {
    const organization = register();

    expect(organization.update({}, T1)).toEqual([]);
    expect(organization.updatedAt).toEqual(T0);
  });

  it('returns false when the given values equal the current ones (names compared after trimming)', () => {
    const organization = register();

    expect(organization.update({ name: '  Acme ', slug: 'acme' }, T1)).toEqual([]);
    expect(organization.updatedAt).toEqual(T0);
    expect(organization.name).toBe('Acme');
  });

  it('treats undefined fields as "not given"', () => {
    const organization = register();

    expect(organization.update({ name: undefined, slug: 'acme-new' }, T1)).toEqual(['slug']);
    expect(organization).toMatchObject({ name: 'Acme', slug: 'acme-new' });
  });

  it('applies a change, trims the new name and bumps updatedAt only', () => {
    const organization = register();

    expect(organization.update({ name: '  Acme Europe  ' }, T1)).toEqual(['name']);
    expect(organization.name).toBe('Acme Europe');
    expect(organization.slug).toBe('acme');
    expect(organization.updatedAt).toEqual(T1);
    expect(organization.createdAt).toEqual(T0);
  });

  it('rejects an invalid slug and changes nothing, not even the valid name given with it', () => {
    const organization = register();

    expect(() => organization.update({ name: 'Renamed', slug: 'Not A Slug' }, T1)).toThrow(InvalidInputError);
    expect(organization).toMatchObject({ name: 'Acme', slug: 'acme' });
    expect(organization.updatedAt).toEqual(T0);
  });

  it('rejects a too-long name and changes nothing', () => {
    const organization = register();

    expect(() => organization.update({ name: 'x'.repeat(ORGANIZATION_NAME_MAX_LENGTH + 1), slug: 'other' }, T1)).toThrow(
      InvalidInputError,
    );
    expect(organization).toMatchObject({ name: 'Acme', slug: 'acme' });
  });
});

describe('Organization.softDelete', () => {
  it('marks the organization deleted at the given time', () => {
    const organization = register();

    organization.softDelete(T1);

    expect(organization.isDeleted).toBe(true);
    expect(organization.deletedAt).toEqual(T1);
    expect(organization.updatedAt).toEqual(T1);
  });

  it('is idempotent: a second delete keeps the first timestamps', () => {
    const organization = register();
    organization.softDelete(T1);

    organization.softDelete(T2);

    expect(organization.deletedAt).toEqual(T1);
    expect(organization.updatedAt).toEqual(T1);
  });
});

describe('slug rules (property-based)', () => {
  const slugCharacter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789');
  const innerCharacter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-');

  /** Generates exactly the language of SLUG_PATTERN: 1-63 chars, [a-z0-9] at both ends, hyphens inside. */
  const validSlug = fc.oneof(
    slugCharacter,
    fc
      .tuple(slugCharacter, fc.array(innerCharacter, { maxLength: SLUG_MAX_LENGTH - 2 }), slugCharacter)
      .map(([first, inner, last]) => first + inner.join('') + last),
  );

  it('accepts every string matching SLUG_PATTERN, both on register and on update', () => {
    fc.assert(
      fc.property(validSlug, (slug) => {
        expect(SLUG_PATTERN.test(slug)).toBe(true);
        expect(assertValidSlug(slug)).toBe(slug);
        expect(Organization.register({ id: ID, name: 'x', slug, now: T0 }).slug).toBe(slug);
        const organization = Organization.register({ id: ID, name: 'x', slug: 'seed', now: T0 });
        organization.update({ slug }, T1);
        expect(organization.slug).toBe(slug);
      }),
    );
  });

  it('accepts exactly the strings SLUG_PATTERN matches, for arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(validSlug, fc.string({ maxLength: 70 })), (slug) => {
        const accepted = (() => {
          try {
            assertValidSlug(slug);
            return true;
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidInputError);
            return false;
          }
        })();
        expect(accepted).toBe(SLUG_PATTERN.test(slug));
      }),
    );
  });

  it('rejects slugs containing an uppercase letter', () => {
    fc.assert(
      fc.property(validSlug, fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), fc.nat(), (slug, upper, at) => {
        const index = at % (slug.length + 1);
        const candidate = (slug.slice(0, index) + upper + slug.slice(index)).slice(0, SLUG_MAX_LENGTH);
        fc.pre(/[A-Z]/.test(candidate));
        expect(() => assertValidSlug(candidate)).toThrow(InvalidInputError);
      }),
    );
  });

  it('rejects slugs containing whitespace', () => {
    fc.assert(
      fc.property(validSlug, fc.constantFrom(' ', '\t', '\n', '\u00a0'), fc.nat(), (slug, space, at) => {
        const index = at % (slug.length + 1);
        expect(() => assertValidSlug(slug.slice(0, index) + space + slug.slice(index))).toThrow(InvalidInputError);
      }),
    );
  });

  it('rejects slugs with a leading or trailing hyphen', () => {
    fc.assert(
      fc.property(validSlug, (slug) => {
        expect(() => assertValidSlug(`-${slug}`)).toThrow(InvalidInputError);
        expect(() => assertValidSlug(`${slug}-`)).toThrow(InvalidInputError);
      }),
    );
  });
});
