import { describe, expect, it } from 'vitest';
import { campaignStatusFromHeyReach, leadStatusFromHeyReach } from '../../../adapters/providers/heyreach/heyreach-status-mapping.js';

describe('HeyReach campaign status → engine status', () => {
  it.each([
    ['DRAFT', 'DRAFTED'],
    ['IN_PROGRESS', 'ACTIVE'],
    ['STARTING', 'ACTIVE'],
    ['SCHEDULED', 'ACTIVE'],
    ['PAUSED', 'PAUSED'],
    ['FINISHED', 'COMPLETED'],
    ['CANCELED', 'STOPPED'],
    ['FAILED', 'FAILED'],
  ])('%s is %s', (heyReach, engine) => {
    expect(campaignStatusFromHeyReach(heyReach)).toBe(engine);
  });

  it('ignores case and surrounding blanks', () => {
    expect(campaignStatusFromHeyReach(' in_progress ')).toBe('ACTIVE');
  });

  it.each(['ARCHIVED', 'ACTIVE', '', 'CANCELLED'])('knows nothing of %j, so the adapter can refuse to guess', (status) => {
    expect(campaignStatusFromHeyReach(status)).toBeNull();
  });
});

describe('HeyReach lead campaign status → engine lead status', () => {
  it.each([
    ['Pending', 'pending'],
    ['InProgress', 'active'],
    ['InSequence', 'active'],
    ['IN_PROGRESS', 'active'],
    ['Paused', 'paused'],
    ['Finished', 'completed'],
    ['Failed', 'skipped'],
    ['ManuallyStopped', 'stopped'],
    ['Excluded', 'skipped'],
  ])('%s is %s', (heyReach, engine) => {
    expect(leadStatusFromHeyReach(heyReach)).toBe(engine);
  });

  it('reads a missing status as pending (a row HeyReach has not processed yet)', () => {
    expect(leadStatusFromHeyReach(null)).toBe('pending');
    expect(leadStatusFromHeyReach(undefined)).toBe('pending');
  });

  it('keeps a lead in an undocumented state as active rather than dropping or finishing it', () => {
    expect(leadStatusFromHeyReach('WaitingForApproval')).toBe('active');
  });
});
