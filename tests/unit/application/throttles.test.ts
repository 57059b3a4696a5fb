import { describe, expect, it } from 'vitest';
import { ApiThrottle } from '../../../application/access/api-throttle.js';
import { LoginThrottle, type LoginAttempt } from '../../../application/access/login-throttle.js';
import { RateLimitExceededError } from '../../../application/access/rate-limit-exceeded-error.js';
import { FixedClock, InMemoryRateLimiter } from '../../support/fakes/index.js';

const RULES = { perAccount: { limit: 5, windowSeconds: 60 }, perAddress: { limit: 8, windowSeconds: 300 } };
// 12:00:00 exactly: a window boundary for both rules.
const START = new Date('2025-06-01T12:00:00.000Z');

function makeSut() {
  const clock = new FixedClock(START);
  const limiter = new InMemoryRateLimiter();
  return { clock, limiter, throttle: new LoginThrottle(limiter, clock, RULES) };
}

function attempt(overrides: Partial<LoginAttempt> = {}): LoginAttempt {
  return { realm: 'tenant', email: 'ann@example.com', clientAddress: '203.0.113.7', ...overrides };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('LoginThrottle', () => {
  it('admits the first five attempts on an account and refuses the sixth with a login rate-limit error', async () => {
    const { throttle } = makeSut();
    for (let index = 0; index < RULES.perAccount.limit; index += 1) await expect(throttle.admit(attempt())).resolves.toBeUndefined();

    const error = await caught(throttle.admit(attempt()));

    expect(error).toBeInstanceOf(RateLimitExceededError);
    expect(error).toMatchObject({ code: 'too_many_login_attempts', kind: 'rate_limited', retryAfterSeconds: 60 });
    expect((error as Error).message).toContain('60 seconds');
  });

  it('counts per account: another email from another address is unaffected', async () => {
    const { throttle } = makeSut();
    for (let index = 0; index < RULES.perAccount.limit + 1; index += 1) await caught(throttle.admit(attempt()));

    await expect(throttle.admit(attempt({ email: 'bob@example.com', clientAddress: '198.51.100.1' }))).resolves.toBeUndefined();
  });

  it('refuses the same account from any address once over its limit', async () => {
    const { throttle } = makeSut();
    for (let index = 0; index < RULES.perAccount.limit; index += 1) await throttle.admit(attempt({ clientAddress: `198.51.100.${index}` }));

    await expect(throttle.admit(attempt({ clientAddress: '192.0.2.200' }))).rejects.toBeInstanceOf(RateLimitExceededError);
  });

  it('counts per address across different accounts, and reports the address window for retry', async () => {
    const { throttle } = makeSut();
    for (let index = 0; index < RULES.perAddress.limit; index += 1) {
      await expect(throttle.admit(attempt({ email: `user${index}@example.com` }))).resolves.toBeUndefined();
    }

    const error = await caught(throttle.admit(attempt({ email: 'fresh@example.com' })));

    expect(error).toBeInstanceOf(RateLimitExceededError);
    expect((error as RateLimitExceededError).retryAfterSeconds).toBe(300);
    await expect(throttle.admit(attempt({ email: 'fresh@example.com', clientAddress: '198.51.100.9' }))).resolves.toBeUndefined();
  });

  it('when both are over, reports the longer wait', async () => {
    const { throttle, clock } = makeSut();
    // Eight attempts on one account: the account hits 5 at the 5th, the address 8 at the 8th.
    for (let index = 0; index < RULES.perAddress.limit; index += 1) await caught(throttle.admit(attempt()));
    clock.advanceSeconds(10);

    const error = (await caught(throttle.admit(attempt()))) as RateLimitExceededError;

    expect(error).toBeInstanceOf(RateLimitExceededError);
    expect(error.retryAfterSeconds).toBe(290);
  });

  it('retryAfterSeconds counts down to the end of the window, and the next window admits again', async () => {
    const { throttle, clock } = makeSut();
    for (let index = 0; index < RULES.perAccount.limit; index += 1) await throttle.admit(attempt());

    clock.advanceSeconds(45);
    expect(await caught(throttle.admit(attempt()))).toMatchObject({ retryAfterSeconds: 15 });
    clock.advanceMs(14_500);
    expect(await caught(throttle.admit(attempt()))).toMatchObject({ retryAfterSeconds: 1 });

    clock.advanceMs(500);
    await expect(throttle.admit(attempt())).resolves.toBeUndefined();
  });

  it('keeps the tenant and super-admin realms in separate buckets', async () => {
    const { throttle, limiter } = makeSut();
    for (let index = 0; index < RULES.perAccount.limit; index += 1) await throttle.admit(attempt({ realm: 'tenant' }));
    await expect(throttle.admit(attempt({ realm: 'tenant' }))).rejects.toBeInstanceOf(RateLimitExceededError);

    await expect(throttle.admit(attempt({ realm: 'super_admin' }))).resolves.toBeUndefined();
    expect(limiter.hitsOf('login:super_admin:account:ann@example.com')).toBe(1);
    expect(limiter.hitsOf('login:super_admin:address:203.0.113.7')).toBe(1);
    expect(limiter.hitsOf('login:tenant:account:ann@example.com')).toBe(6);
  });

  it('counts every attempt against both buckets with their own rule and the clock time', async () => {
    const { throttle, limiter, clock } = makeSut();

    await throttle.admit(attempt());

    expect(limiter.consumed).toEqual(
      expect.arrayContaining([
        { bucket: 'login:tenant:account:ann@example.com', rule: RULES.perAccount, now: clock.now() },
        { bucket: 'login:tenant:address:203.0.113.7', rule: RULES.perAddress, now: clock.now() },
      ]),
    );
    expect(limiter.consumed).toHaveLength(2);
  });

  it('succeeded() forgets the account entirely and hands back one address hit', async () => {
    const { throttle, limiter } = makeSut();
    for (let index = 0; index < RULES.perAccount.limit - 1; index += 1) await throttle.admit(attempt());
    await throttle.admit(attempt());
    expect(limiter.hitsOf('login:tenant:account:ann@example.com')).toBe(5);
    expect(limiter.hitsOf('login:tenant:address:203.0.113.7')).toBe(5);

    await throttle.succeeded(attempt());

    expect(limiter.hitsOf('login:tenant:account:ann@example.com')).toBe(0);
    expect(limiter.hitsOf('login:tenant:address:203.0.113.7')).toBe(4);
    expect(limiter.resets).toEqual(['login:tenant:account:ann@example.com']);
    expect(limiter.refunded).toEqual(['login:tenant:address:203.0.113.7']);
    // From a fresh address, so only the account bucket is in play: five more attempts pass again.
    for (let index = 0; index < RULES.perAccount.limit; index += 1) {
      await expect(throttle.admit(attempt({ clientAddress: '198.51.100.50' }))).resolves.toBeUndefined();
    }
    await expect(throttle.admit(attempt({ clientAddress: '198.51.100.50' }))).rejects.toBeInstanceOf(RateLimitExceededError);
  });

  it('succeeded() in one realm leaves the other realm alone', async () => {
    const { throttle, limiter } = makeSut();
    await throttle.admit(attempt({ realm: 'super_admin' }));
    await throttle.admit(attempt({ realm: 'tenant' }));

    await throttle.succeeded(attempt({ realm: 'tenant' }));

    expect(limiter.hitsOf('login:super_admin:account:ann@example.com')).toBe(1);
    expect(limiter.hitsOf('login:super_admin:address:203.0.113.7')).toBe(1);
  });

  it('a successful login does not let one address try unlimited other accounts', async () => {
    const { throttle } = makeSut();
    // Each success refunds its own hit only; the failures on other accounts still add up.
    for (let index = 0; index < RULES.perAddress.limit - 1; index += 1) {
      await throttle.admit(attempt({ email: `victim${index}@example.com` }));
      await throttle.admit(attempt());
      await throttle.succeeded(attempt());
    }

    await expect(throttle.admit(attempt({ email: 'one-more@example.com' }))).resolves.toBeUndefined();
    await expect(throttle.admit(attempt({ email: 'and-another@example.com' }))).rejects.toBeInstanceOf(RateLimitExceededError);
  });
});

describe('ApiThrottle', () => {
  const RULE = { limit: 3, windowSeconds: 10 };

  function makeApiSut() {
    const clock = new FixedClock(START);
    const limiter = new InMemoryRateLimiter();
    return { clock, limiter, throttle: new ApiThrottle(limiter, clock, RULE) };
  }

  it('admits up to the limit, answering the decision', async () => {
    const { throttle } = makeApiSut();

    await expect(throttle.admit('user:1')).resolves.toEqual({ allowed: true, hits: 1, limit: 3, retryAfterSeconds: 10 });
    await throttle.admit('user:1');
    await expect(throttle.admit('user:1')).resolves.toMatchObject({ allowed: true, hits: 3 });
  });

  it('throws RateLimitExceededError (too_many_requests) past the limit', async () => {
    const { throttle, clock } = makeApiSut();
    for (let index = 0; index < RULE.limit; index += 1) await throttle.admit('user:1');
    clock.advanceSeconds(3);

    const error = await caught(throttle.admit('user:1'));

    expect(error).toBeInstanceOf(RateLimitExceededError);
    expect(error).toMatchObject({ code: 'too_many_requests', kind: 'rate_limited', retryAfterSeconds: 7 });
    expect((error as Error).message).toBe('Too many requests. Try again in 7 seconds.');
  });

  it('keeps principals apart, under an api: prefix', async () => {
    const { throttle, limiter } = makeApiSut();
    for (let index = 0; index < RULE.limit; index += 1) await throttle.admit('user:1');

    await expect(throttle.admit('user:2')).resolves.toMatchObject({ allowed: true, hits: 1 });
    expect(limiter.hitsOf('api:user:1')).toBe(3);
    expect(limiter.hitsOf('api:user:2')).toBe(1);
  });

  it('starts again in the next window', async () => {
    const { throttle, clock } = makeApiSut();
    for (let index = 0; index < RULE.limit; index += 1) await throttle.admit('user:1');
    await expect(throttle.admit('user:1')).rejects.toBeInstanceOf(RateLimitExceededError);

    clock.advanceSeconds(RULE.windowSeconds);

    await expect(throttle.admit('user:1')).resolves.toMatchObject({ allowed: true, hits: 1 });
  });
});
