import { describe, expect, it } from 'vitest';
import { ProviderCallError, type ProviderFailureKind } from '../../../application/outreach/provider-call-error.js';
import { DONE, unsupported } from '../../../application/outreach/provider-outcome.js';
import { OperationNotSupportedError, requireSupported } from '../../../application/outreach/require-supported.js';
import { providerFailureAnswer } from '../../../adapters/http/middleware/provider-failure-answer.js';
import { backoffDelayMs, parseRetryAfterMs } from '../../../adapters/providers/http/retry-delay.js';

function failure(kind: ProviderFailureKind, capability: 'email_outreach' | 'linkedin_outreach' = 'email_outreach'): ProviderCallError {
  return new ProviderCallError({ capability, kind, operation: 'campaign.create', httpStatus: 500, attempts: 3 });
}

describe('provider failure answers', () => {
  it('answers 503 for every transient kind and 502 for every terminal one, naming the capability only', () => {
    const answers = (['timeout', 'network', 'rate_limited', 'server_error', 'auth_rejected', 'request_rejected', 'not_found', 'malformed_response'] as const).map(
      (kind) => [kind, providerFailureAnswer(failure(kind)).status, providerFailureAnswer(failure(kind)).code],
    );
    expect(answers).toEqual([
      ['timeout', 503, 'capability_unavailable'],
      ['network', 503, 'capability_unavailable'],
      ['rate_limited', 503, 'capability_unavailable'],
      ['server_error', 503, 'capability_unavailable'],
      ['auth_rejected', 502, 'capability_credentials_rejected'],
      ['request_rejected', 502, 'capability_failed'],
      ['not_found', 502, 'capability_failed'],
      ['malformed_response', 502, 'capability_failed'],
    ]);
    expect(providerFailureAnswer(failure('timeout', 'linkedin_outreach')).detail).toBe('LinkedIn outreach is temporarily unavailable. Try again shortly.');
    expect(providerFailureAnswer(failure('auth_rejected')).detail).toMatch(/^Email outreach could not authenticate/);
  });
});

describe('retry delays', () => {
  it('reads Retry-After as seconds or as an HTTP date, and ignores what it cannot read', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    expect(parseRetryAfterMs('30', now)).toBe(30_000);
    expect(parseRetryAfterMs('1.5', now)).toBe(1_500);
    expect(parseRetryAfterMs('Tue, 01 Jan 2030 00:00:12 GMT', now)).toBe(12_000);
    expect(parseRetryAfterMs('Mon, 31 Dec 2029 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfterMs('soon', now)).toBeNull();
    expect(parseRetryAfterMs(null, now)).toBeNull();
  });

  it('grows the backoff ceiling exponentially up to the cap, scaled by the jitter draw', () => {
    const settings = { baseMs: 100, maxMs: 1_000 };
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelayMs(attempt, settings, () => 1))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(backoffDelayMs(3, settings, () => 0)).toBe(0);
    expect(backoffDelayMs(3, settings, () => 0.25)).toBe(100);
  });
});

describe('unsupported provider operations', () => {
  it('refuse with 409 operation_not_supported, naming the operation and the capability only', () => {
    expect(() => requireSupported(DONE, 'email_outreach')).not.toThrow();
    const refusal = (() => {
      try {
        requireSupported(unsupported('pause_lead'), 'email_outreach');
      } catch (error) {
        return error;
      }
      throw new Error('expected a refusal');
    })();
    expect(refusal).toBeInstanceOf(OperationNotSupportedError);
    expect(refusal).toMatchObject({
      code: 'operation_not_supported',
      kind: 'conflict',
      operation: 'pause_lead',
      message: "Pausing a single lead is not available for email outreach on this company's account.",
    });
    expect(new OperationNotSupportedError('resume_lead', 'linkedin_outreach').message).toBe(
      "Resuming a single lead is not available for LinkedIn outreach on this company's account.",
    );
  });
});
