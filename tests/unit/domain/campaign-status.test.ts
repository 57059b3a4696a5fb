import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Campaign, providerCampaignNameFor } from '../../../domain/outreach/campaign.js';
import { IllegalCampaignTransitionError, SequenceLockedError, CampaignClosedError } from '../../../domain/outreach/campaign-errors.js';
import { CAMPAIGN_STATUSES, canMoveCampaign, isFinalCampaignStatus, type CampaignStatus } from '../../../domain/outreach/campaign-status.js';

const NOW = new Date('2026-11-22T10:00:00Z');
const LATER = new Date('2026-11-22T11:00:00Z');

function campaignIn(status: CampaignStatus): Campaign {
  const campaign = Campaign.draft({ id: '00000000-0000-4000-8000-000000000001', orgId: 'o', companyId: 'c', providerId: 'p', name: 'Q2', createdByUserId: null, now: NOW });
  campaign.status = status;
  return campaign;
}

describe('campaign status machine', () => {
  it('starts DRAFTED and pending, named uniquely at the provider by its id', () => {
    const campaign = campaignIn('DRAFTED');
    expect(campaign.status).toBe('DRAFTED');
    expect(campaign.syncState).toBe('pending');
    expect(campaign.providerCampaignName).toBe(providerCampaignNameFor('Q2', campaign.id));
    expect(campaign.providerCampaignName).toContain(campaign.id);
  });

  it.each([
    ['DRAFTED', 'ACTIVE'],
    ['DRAFTED', 'STOPPED'],
    ['ACTIVE', 'PAUSED'],
    ['ACTIVE', 'STOPPED'],
    ['PAUSED', 'ACTIVE'],
    ['PAUSED', 'STOPPED'],
  ] as const)('lets a tenant move %s → %s', (from, to) => {
    const campaign = campaignIn(from);
    expect(campaign.checkRequestedStatus(to)).toBe(true);
    campaign.moveTo(to, LATER);
    expect(campaign.status).toBe(to);
    expect(campaign.updatedAt).toEqual(LATER);
  });

  it('treats asking for the current status as a harmless no-op', () => {
    for (const status of CAMPAIGN_STATUSES) expect(campaignIn(status).checkRequestedStatus(status)).toBe(false);
  });

  it('never lets a tenant ask for DRAFTED or COMPLETED, and names the current status when refusing', () => {
    expect(() => campaignIn('ACTIVE').checkRequestedStatus('DRAFTED')).toThrow(new IllegalCampaignTransitionError('ACTIVE', 'DRAFTED'));
    expect(() => campaignIn('ACTIVE').checkRequestedStatus('COMPLETED')).toThrow('The campaign is ACTIVE; it cannot become COMPLETED.');
    expect(() => campaignIn('DRAFTED').checkRequestedStatus('PAUSED')).toThrow('The campaign is DRAFTED; it cannot become PAUSED.');
  });

  it('keeps STOPPED and COMPLETED final whatever is asked, and says so', () => {
    fc.assert(
      fc.property(fc.constantFrom('STOPPED', 'COMPLETED' as const), fc.constantFrom(...CAMPAIGN_STATUSES), (final, target) => {
        const campaign = campaignIn(final);
        if (target === final) {
          expect(campaign.checkRequestedStatus(target)).toBe(false);
        } else {
          expect(() => campaign.checkRequestedStatus(target)).toThrow(`The campaign is ${final}, which is final; it cannot become ${target}.`);
          expect(() => campaign.moveTo(target, LATER)).toThrow(IllegalCampaignTransitionError);
        }
        expect(campaign.status).toBe(final);
      }),
    );
  });

  it('only ever reaches a status along an allowed edge, whatever sequence of moves is tried', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CAMPAIGN_STATUSES), { maxLength: 20 }), (targets) => {
        const campaign = campaignIn('DRAFTED');
        for (const target of targets) {
          const before = campaign.status;
          try {
            campaign.moveTo(target, LATER);
            expect(target === before || canMoveCampaign(before, target)).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(IllegalCampaignTransitionError);
            expect(campaign.status).toBe(before);
          }
          if (isFinalCampaignStatus(before)) expect(campaign.status).toBe(before);
        }
      }),
    );
  });

  it('allows sequence edits only while DRAFTED or PAUSED, and leads only until STOPPED or COMPLETED', () => {
    expect(() => campaignIn('DRAFTED').assertSequenceEditable()).not.toThrow();
    expect(() => campaignIn('PAUSED').assertSequenceEditable()).not.toThrow();
    expect(() => campaignIn('ACTIVE').assertSequenceEditable()).toThrow(new SequenceLockedError('ACTIVE'));
    expect(() => campaignIn('STOPPED').assertSequenceEditable()).toThrow('The campaign is STOPPED; its sequence can no longer change.');
    for (const open of ['DRAFTED', 'ACTIVE', 'PAUSED'] as const) expect(() => campaignIn(open).assertAcceptsLeads()).not.toThrow();
    expect(() => campaignIn('STOPPED').assertAcceptsLeads()).toThrow(new CampaignClosedError('STOPPED'));
    expect(() => campaignIn('COMPLETED').assertAcceptsLeads()).toThrow(CampaignClosedError);
  });
});

describe('campaign link to the provider', () => {
  it('records a failed creation with a bounded reason, and clears it once created', () => {
    const campaign = campaignIn('DRAFTED');
    campaign.markSyncFailed('x'.repeat(900), LATER);
    expect(campaign.syncState).toBe('failed');
    expect(campaign.lastSyncError).toHaveLength(500);
    campaign.markCreatedAtProvider('ext-1', LATER);
    expect(campaign).toMatchObject({ syncState: 'synced', externalCampaignId: 'ext-1', lastSyncError: null, isSynced: true });
    campaign.markSyncFailed('late failure', LATER);
    expect(campaign.syncState).toBe('synced');
  });
});
