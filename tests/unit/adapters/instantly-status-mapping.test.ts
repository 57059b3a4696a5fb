import { describe, expect, it } from 'vitest';
import { sendingAccountFromInstantly } from '../../../adapters/providers/instantly/instantly-account-mapping.js';
import {
  campaignActionFor,
  campaignStatusFromInstantly,
  leadStatusFromInstantly,
} from '../../../adapters/providers/instantly/instantly-status-mapping.js';

describe('Instantly campaign status', () => {
  it.each([
    [0, 'DRAFTED'],
    [1, 'ACTIVE'],
    [2, 'PAUSED'],
    [3, 'COMPLETED'],
    [4, 'ACTIVE'],
    [-1, 'PAUSED'],
    [-2, 'PAUSED'],
    [-99, 'PAUSED'],
  ] as const)('%d is %s', (instantly, engine) => {
    expect(campaignStatusFromInstantly(instantly)).toBe(engine);
  });

  it.each([5, -3, 99])('%d is not a status Instantly documents, so it is not guessed', (unknown) => {
    expect(campaignStatusFromInstantly(unknown)).toBeNull();
  });

  it.each([
    ['ACTIVE', 'activate'],
    ['PAUSED', 'pause'],
    ['STOPPED', 'pause'],
  ] as const)('%s is reached with /%s (Instantly has no stop)', (target, action) => {
    expect(campaignActionFor(target)).toBe(action);
  });
});

describe('Instantly lead status', () => {
  it.each([
    [1, 'active'],
    [2, 'paused'],
    [3, 'completed'],
    [-1, 'bounced'],
    [-2, 'unsubscribed'],
    [-3, 'skipped'],
  ] as const)('%d is %s', (instantly, engine) => {
    expect(leadStatusFromInstantly(instantly)).toBe(engine);
  });

  it('reads a lead without a status as not scheduled yet', () => {
    expect(leadStatusFromInstantly(null)).toBe('pending');
    expect(leadStatusFromInstantly(undefined)).toBe('pending');
  });

  it.each([0, 4, -4])('%d is unknown', (unknown) => {
    expect(leadStatusFromInstantly(unknown)).toBeNull();
  });
});

describe('Instantly account as a sending account', () => {
  it('is keyed by its address and active only with status 1', () => {
    expect(sendingAccountFromInstantly({ email: 'sam@acme.io', first_name: 'Sam', last_name: 'Lee', status: 1, warmup_status: 1 })).toEqual({
      externalId: 'sam@acme.io',
      email: 'sam@acme.io',
      displayName: 'Sam Lee',
      active: true,
      warmupEnabled: true,
    });
  });

  it.each([2, 3, -1, -2, -3])('is inactive with status %d', (status) => {
    expect(sendingAccountFromInstantly({ email: 'a@b.io', first_name: null, last_name: null, status, warmup_status: 1 }).active).toBe(false);
  });

  it.each([
    [0, false],
    [-1, false],
    [-3, false],
    [null, null],
  ] as const)('has warm-up %s → %s', (warmup, enabled) => {
    expect(sendingAccountFromInstantly({ email: 'a@b.io', first_name: null, last_name: null, status: 1, warmup_status: warmup }).warmupEnabled).toBe(enabled);
  });

  it('has no display name without a name, and a partial one with half a name', () => {
    expect(sendingAccountFromInstantly({ email: 'a@b.io', first_name: null, last_name: null, status: 1 }).displayName).toBeNull();
    expect(sendingAccountFromInstantly({ email: 'a@b.io', first_name: 'Ada', last_name: null, status: 1 }).displayName).toBe('Ada');
  });
});
