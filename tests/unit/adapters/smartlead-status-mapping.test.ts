import { describe, expect, it } from 'vitest';
import { campaignStatusFromSmartlead, leadStatusFromSmartlead, smartleadStatusCommand } from '../../../adapters/providers/smartlead/smartlead-status-mapping.js';

describe('smartleadStatusCommand', () => {
  it('starts a campaign with START, never ACTIVE', () => {
    expect(smartleadStatusCommand('ACTIVE')).toBe('START');
    expect(smartleadStatusCommand('PAUSED')).toBe('PAUSED');
    expect(smartleadStatusCommand('STOPPED')).toBe('STOPPED');
  });
});

describe('campaignStatusFromSmartlead', () => {
  it.each([
    ['DRAFTED', 'DRAFTED'],
    ['ACTIVE', 'ACTIVE'],
    ['PAUSED', 'PAUSED'],
    ['STOPPED', 'STOPPED'],
    ['COMPLETED', 'COMPLETED'],
    ['ARCHIVED', 'STOPPED'],
    [' paused ', 'PAUSED'],
  ])('reads %j as %s', (smartlead, engine) => {
    expect(campaignStatusFromSmartlead(smartlead)).toBe(engine);
  });

  it('answers null for a status it does not know, so the caller can refuse to guess', () => {
    expect(campaignStatusFromSmartlead('WARMING_UP')).toBeNull();
    expect(campaignStatusFromSmartlead('')).toBeNull();
  });
});

describe('leadStatusFromSmartlead', () => {
  it.each([
    ['STARTED', 'pending'],
    ['INPROGRESS', 'active'],
    ['COMPLETED', 'completed'],
    ['PAUSED', 'paused'],
    ['STOPPED', 'stopped'],
    ['BLOCKED', 'skipped'],
    ['inprogress', 'active'],
  ])('reads %s as %s', (smartlead, engine) => {
    expect(leadStatusFromSmartlead(smartlead, false)).toBe(engine);
  });

  it('reports an unsubscribed lead as unsubscribed whatever its campaign status', () => {
    for (const status of ['STARTED', 'INPROGRESS', 'STOPPED', 'COMPLETED', 'SOMETHING_NEW']) {
      expect(leadStatusFromSmartlead(status, true)).toBe('unsubscribed');
    }
  });

  it('answers null for an unknown status of a subscribed lead', () => {
    expect(leadStatusFromSmartlead('QUEUED', false)).toBeNull();
  });
});
