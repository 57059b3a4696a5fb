import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiToken } from '../../../domain/identity/api-token.js';
import { ApiTokenExpiryInPastError } from '../../../domain/identity/api-token-errors.js';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const HASH = 'a'.repeat(64);

function issue(overrides: Partial<Parameters<typeof ApiToken.issue>[0]> = {}): ApiToken {
  return ApiToken.issue({
    id: '00000000-0000-4000-8000-000000000001',
    orgId: '00000000-0000-4000-8000-000000000002',
    userId: '00000000-0000-4000-8000-000000000003',
    tokenHash: HASH,
    now: NOW,
    ...overrides,
  });
}

function at(offsetMs: number): Date {
  return new Date(NOW.getTime() + offsetMs);
}

describe('ApiToken.issue', () => {
  it('creates an unused, unrevoked token created now, keeping ids and hash', () => {
    const token = issue({ name: 'CI', expiresAt: at(60_000) });

    expect(token).toMatchObject({
      id: '00000000-0000-4000-8000-000000000001',
      orgId: '00000000-0000-4000-8000-000000000002',
      userId: '00000000-0000-4000-8000-000000000003',
      tokenHash: HASH,
      name: 'CI',
      expiresAt: at(60_000),
      lastUsedAt: null,
      revokedAt: null,
      createdAt: NOW,
    });
  });

  it('trims the name', () => {
    expect(issue({ name: '  deploy bot \n' }).name).toBe('deploy bot');
  });

  it.each([[undefined], [null], [''], ['   '], ['\t\n']])('stores a missing or blank name (%j) as null', (name) => {
    expect(issue({ name }).name).toBeNull();
  });

  it('has no expiry when none is given (undefined or null)', () => {
    expect(issue().expiresAt).toBeNull();
    expect(issue({ expiresAt: null }).expiresAt).toBeNull();
  });

  it.each([
    ['equal to now', 0],
    ['one millisecond ago', -1],
    ['a year ago', -365 * 24 * 3600 * 1000],
  ])('refuses an expiry %s with ApiTokenExpiryInPastError on loc [expires_at]', (_label, offset) => {
    let thrown: unknown;
    try {
      issue({ expiresAt: at(offset) });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiTokenExpiryInPastError);
    expect(thrown).toMatchObject({
      code: 'api_token_expiry_in_past',
      kind: 'invalid_input',
      problems: [{ loc: ['expires_at'], type: 'in_past' }],
    });
  });

  it('accepts an expiry one millisecond in the future', () => {
    expect(issue({ expiresAt: at(1) }).expiresAt).toEqual(at(1));
  });
});

describe('ApiToken.rejectionAt', () => {
  it('accepts a live token without expiry at any time', () => {
    const token = issue();
    expect(token.rejectionAt(NOW)).toBeNull();
    expect(token.rejectionAt(at(10 * 365 * 24 * 3600 * 1000))).toBeNull();
  });

  it('accepts until just before expiresAt and refuses as expired from exactly expiresAt on', () => {
    const token = issue({ expiresAt: at(60_000) });

    expect(token.rejectionAt(at(59_999))).toBeNull();
    expect(token.rejectionAt(at(60_000))).toBe('expired');
    expect(token.rejectionAt(at(60_001))).toBe('expired');
  });

  it('refuses a revoked token as revoked, from any moment on', () => {
    const token = issue();
    token.revoke(at(1000));

    expect(token.rejectionAt(at(1000))).toBe('revoked');
    expect(token.rejectionAt(at(2000))).toBe('revoked');
  });

  it('says revoked, not expired, for a token that is both', () => {
    const token = issue({ expiresAt: at(60_000) });
    token.revoke(at(1000));

    expect(token.rejectionAt(at(120_000))).toBe('revoked');
  });

  it('property: rejection is revoked when revoked, else expired iff now >= expiresAt', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: null }),
        fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
        fc.integer({ min: 0, max: 2_000_000 }),
        (expiresIn, revokedAfter, checkAfter) => {
          const token = issue({ expiresAt: expiresIn === null ? null : at(expiresIn) });
          if (revokedAfter !== null) token.revoke(at(revokedAfter));
          const expected = revokedAfter !== null ? 'revoked' : expiresIn !== null && checkAfter >= expiresIn ? 'expired' : null;
          expect(token.rejectionAt(at(checkAfter))).toBe(expected);
        },
      ),
    );
  });
});

describe('ApiToken.revoke', () => {
  it('revokes once and answers true', () => {
    const token = issue();

    expect(token.revoke(at(5000))).toBe(true);
    expect(token.revokedAt).toEqual(at(5000));
  });

  it('is idempotent: a second revoke answers false and keeps the first moment', () => {
    const token = issue();
    token.revoke(at(5000));

    expect(token.revoke(at(9000))).toBe(false);
    expect(token.revoke(at(1000))).toBe(false);
    expect(token.revokedAt).toEqual(at(5000));
  });
});
