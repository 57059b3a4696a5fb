import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../infrastructure/simulators/kit/sim-types.js';
import { connectedEmailCompany, startEmailOutreachWorld, type ConnectedCompany, type EmailOutreachWorld, type EmailProviderSlug } from '../../support/email-outreach-fixture.js';
import { referenceResponseProblems } from '../../support/reference-contract.js';

let world: EmailOutreachWorld;
beforeAll(async () => {
  world = await startEmailOutreachWorld();
});
afterAll(async () => world.close());

const SEQUENCE_PATH = '/api/campaigns/{campaign_id}/sequence';
const PROVIDER_NAMES = /smartlead|instantly|heyreach/i;

interface StepBody {
  seq_number: number;
  subject: string;
  email_body: string;
  seq_delay_details: { delay_in_days: number };
  variants: { label: string; subject: string; email_body: string; distribution_percent: number | null }[];
}

interface SequenceBody {
  campaign_id: string;
  sequence: StepBody[];
  source: 'provider' | 'snapshot';
  version: number | null;
  updated_at: string;
  stale_reason: string | null;
}

interface VersionSummaryBody {
  campaign_id: string;
  version: number;
  step_count: number;
  created_by_user_id: string | null;
  created_at: string;
}

interface ErrorBody {
  detail: string;
  code: string;
  errors: { loc: (string | number)[]; msg: string; type: string }[];
}

/** Version 1: a plain first step and an A/B follow-up with shares. */
const V1 = [
  { seq_number: 1, subject: 'Quick question', email_body: 'Hi {{first_name}}, ...', seq_delay_details: { delay_in_days: 0 } },
  {
    seq_number: 2,
    seq_delay_details: { delay_in_days: 3 },
    variants: [
      { label: 'A', subject: '', email_body: 'Following up on my note.', distribution_percent: 100 },
      { label: 'B', subject: 'Another angle', email_body: 'Circling back with an idea.', distribution_percent: 0 },
    ],
  },
];

/** Version 2: step 1 reworded, step 2's variants kept, a new step 3. */
const V2 = [
  { seq_number: 1, subject: 'A sharper subject', email_body: 'Hi {{first_name}}, ...', seq_delay_details: { delay_in_days: 0 } },
  {
    seq_number: 2,
    seq_delay_details: { delay_in_days: 4 },
    variants: [
      { label: 'A', email_body: 'Following up on my note.' },
      { label: 'B', subject: 'Another angle', email_body: 'Circling back with an idea.' },
    ],
  },
  { seq_number: 3, subject: '', email_body: 'Closing the loop.', seq_delay_details: { delay_in_days: 7 } },
];

/** What the engine answers for V1: the request shape, step 2 carrying variant A's copy. */
const V1_ANSWER: StepBody[] = [
  { seq_number: 1, subject: 'Quick question', email_body: 'Hi {{first_name}}, ...', seq_delay_details: { delay_in_days: 0 }, variants: [] },
  {
    seq_number: 2,
    subject: '',
    email_body: 'Following up on my note.',
    seq_delay_details: { delay_in_days: 3 },
    variants: [
      { label: 'A', subject: '', email_body: 'Following up on my note.', distribution_percent: 100 },
      { label: 'B', subject: 'Another angle', email_body: 'Circling back with an idea.', distribution_percent: 0 },
    ],
  },
];

const V2_ANSWER: StepBody[] = [
  { ...V1_ANSWER[0]!, subject: 'A sharper subject' },
  {
    ...V1_ANSWER[1]!,
    seq_delay_details: { delay_in_days: 4 },
    variants: V1_ANSWER[1]!.variants.map((variant) => ({ ...variant, distribution_percent: null })),
  },
  { seq_number: 3, subject: '', email_body: 'Closing the loop.', seq_delay_details: { delay_in_days: 7 }, variants: [] },
];

function expectContract(method: 'GET' | 'POST', status: number, body: unknown): void {
  expect(referenceResponseProblems(method, SEQUENCE_PATH, status, body)).toEqual([]);
}

describe.each(['smartlead', 'instantly'] as const)('campaign sequences on %s', (provider: EmailProviderSlug) => {
  let company: ConnectedCompany;
  beforeAll(async () => {
    company = await connectedEmailCompany(world, provider);
  });

  const simulator = () => world.simulators[provider];
  const sequencePath = (campaignId: string) => `/api/campaigns/${campaignId}/sequence`;

  async function newCampaign(): Promise<{ id: string; externalId: string }> {
    const created = await world.request<{ id: string; external_campaign_id: string }>('POST', '/api/campaigns/', { token: company.companyAdminToken, body: { name: 'Sequenced' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return { id: created.body.id, externalId: created.body.external_campaign_id };
  }

  function saveSequence(campaignId: string, sequence: unknown, token = company.companyAdminToken) {
    return world.request<SequenceBody & ErrorBody>('POST', sequencePath(campaignId), { token, body: { sequence } });
  }

  function readSequence(campaignId: string, token = company.companyMemberToken) {
    return world.request<SequenceBody & ErrorBody>('GET', sequencePath(campaignId), { token });
  }

  function history(campaignId: string, token = company.companyMemberToken, query = '') {
    return world.request<VersionSummaryBody[] & ErrorBody>('GET', `${sequencePath(campaignId)}/versions${query}`, { token });
  }

  /** The provider's request that stored the sequence: Smartlead's POST …/sequences, Instantly's PATCH of the campaign. */
  function sequenceWrites(externalId: string): JournalEntry[] {
    return simulator().journal.filter((entry) =>
      provider === 'smartlead' ? entry.method === 'POST' && entry.path.endsWith(`/campaigns/${externalId}/sequences`) : entry.method === 'PATCH' && entry.path.endsWith(`/campaigns/${externalId}`),
    );
  }

  /** Faults for every attempt the engine makes (PROVIDER_MAX_ATTEMPTS=2) at one kind of sequence call. */
  function failSequenceCalls(externalId: string, method: 'GET' | 'WRITE'): void {
    const match =
      provider === 'smartlead'
        ? { method: method === 'GET' ? 'GET' : 'POST', pathIncludes: `/campaigns/${externalId}/sequences` }
        : { method: method === 'GET' ? 'GET' : 'PATCH', pathIncludes: `/campaigns/${externalId}` };
    simulator().injectFault({ kind: 'status', status: 503, times: 2, match });
  }

  it('saves version 1 and 2, sending the provider its step ids back, keeps the history and reads the sequence live', async () => {
    const campaign = await newCampaign();

    const first = await saveSequence(campaign.id, V1);

    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expectContract('POST', 200, first.body);
    expect(first.body).toEqual({ campaign_id: campaign.id, sequence: V1_ANSWER, source: 'provider', version: 1, updated_at: expect.any(String), stale_reason: null });
    // Provider ids stay inside the engine.
    expect(JSON.stringify(first.body)).not.toMatch(/"id"|external/);

    const second = await saveSequence(campaign.id, V2);

    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expectContract('POST', 200, second.body);
    expect(second.body).toMatchObject({ version: 2, source: 'provider' });
    expect(second.body.sequence).toEqual(V2_ANSWER);

    const [write1, write2] = sequenceWrites(campaign.externalId);
    expect(sequenceWrites(campaign.externalId)).toHaveLength(2);
    if (provider === 'smartlead') {
      // Smartlead keeps statistics per step and variant: the second save sends their ids back.
      type SmartleadStepWrite = { id: number | null; seq_number: number; seq_variants?: { id?: number; variant_label: string }[] };
      const firstSteps = (write1!.body as { sequences: SmartleadStepWrite[] }).sequences;
      const secondSteps = (write2!.body as { sequences: SmartleadStepWrite[] }).sequences;
      expect(firstSteps.map((step) => step.id)).toEqual([null, null]);
      const stored = world.simulators.smartlead.state.campaign(Number(campaign.externalId)).steps;
      expect(secondSteps.map((step) => step.id)).toEqual([stored[0]!.id, stored[1]!.id, null]);
      expect(secondSteps[1]!.seq_variants!.map((variant) => variant.id)).toEqual(stored[1]!.variants!.filter((variant) => !variant.deleted).map((variant) => variant.id));
      expect(stored.map((step) => [step.seqNumber, step.delayInDays])).toEqual([
        [1, 0],
        [2, 4],
        [3, 7],
      ]);
    } else {
      // Instantly has no step ids: the whole sequence goes as sequences[0].steps, delays moved one step earlier, senders untouched.
      const body = write2!.body as { sequences: { steps: { delay: number; delay_unit: string; variants: { subject: string }[] }[] }[] };
      expect(Object.keys(body)).toEqual(['sequences']);
      expect(body.sequences[0]!.steps.map((step) => [step.delay, step.delay_unit, step.variants.length])).toEqual([
        [4, 'days', 1],
        [7, 'days', 2],
        [0, 'days', 1],
      ]);
      expect(world.simulators.instantly.state.campaign(campaign.externalId).sequences[0]!.steps).toHaveLength(3);
      expect(write1).toBeDefined();
    }

    const versions = await history(campaign.id);
    expect(versions.status).toBe(200);
    expect(versions.body.map((version) => [version.version, version.step_count])).toEqual([
      [2, 3],
      [1, 2],
    ]);
    expect(versions.body[0]).toMatchObject({ campaign_id: campaign.id, created_by_user_id: company.companyAdminId });
    const paged = await history(campaign.id, company.companyMemberToken, '?limit=1');
    expect(paged.body.map((version) => version.version)).toEqual([2]);
    const rest = await history(campaign.id, company.companyMemberToken, `?limit=1&after=${paged.headers.get('x-next-cursor')}`);
    expect(rest.body.map((version) => version.version)).toEqual([1]);
    expect(rest.headers.get('x-next-cursor')).toBeNull();

    const versionOne = await world.request<{ version: number; sequence: StepBody[] }>('GET', `${sequencePath(campaign.id)}/versions/1`, { token: company.companyMemberToken });
    expect(versionOne.status).toBe(200);
    expect(versionOne.body).toMatchObject({ campaign_id: campaign.id, version: 1, sequence: V1_ANSWER });
    const missing = await world.request<ErrorBody>('GET', `${sequencePath(campaign.id)}/versions/3`, { token: company.companyMemberToken });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('sequence_version_not_found');

    const read = await readSequence(campaign.id);
    expect(read.status).toBe(200);
    expectContract('GET', 200, read.body);
    expect(read.body).toEqual({ ...second.body, updated_at: second.body.updated_at });

    // What a read answers can be sent back unchanged.
    const resent = await saveSequence(campaign.id, read.body.sequence);
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    expect(resent.body).toMatchObject({ version: 3, sequence: V2_ANSWER });

    const audit = await world.request<{ outcome: string; detail: Record<string, unknown> }[]>('GET', '/api/audit-events?action=campaign.sequence.save', { token: company.orgAdminToken });
    expect(audit.status).toBe(200);
    expect(audit.body.filter((entry) => entry.outcome === 'success').map((entry) => entry.detail['version'])).toEqual(expect.arrayContaining([1, 2, 3]));
  });

  it('stores nothing when the provider is down during a save, and a retry then succeeds', async () => {
    const campaign = await newCampaign();
    failSequenceCalls(campaign.externalId, 'WRITE');

    const failed = await saveSequence(campaign.id, V1);

    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ code: 'capability_unavailable', detail: expect.stringMatching(/^Email outreach /) });
    expect(failed.body.detail).not.toMatch(PROVIDER_NAMES);
    expect(simulator().faults.pending).toBe(0);
    expect((await history(campaign.id)).body).toEqual([]);

    const retried = await saveSequence(campaign.id, V1);
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body).toMatchObject({ version: 1, sequence: V1_ANSWER });
    expect((await history(campaign.id)).body.map((version) => version.version)).toEqual([1]);
  });

  it('answers the latest saved version, saying why, when the provider is down during a read', async () => {
    const campaign = await newCampaign();
    await saveSequence(campaign.id, V1);
    failSequenceCalls(campaign.externalId, 'GET');

    const read = await readSequence(campaign.id);

    expect(read.status).toBe(200);
    expectContract('GET', 200, read.body);
    expect(read.body).toMatchObject({ source: 'snapshot', version: 1, sequence: V1_ANSWER });
    expect(read.body.stale_reason).toMatch(/^Email outreach is temporarily unavailable/);
    expect(read.body.stale_reason).not.toMatch(PROVIDER_NAMES);
  });

  it('answers 503 for a read with neither the provider nor a saved version, and a draft-only campaign as an empty sequence', async () => {
    const campaign = await newCampaign();
    failSequenceCalls(campaign.externalId, 'GET');

    const unavailable = await readSequence(campaign.id);

    expect(unavailable.status).toBe(503);
    expect(unavailable.body.code).toBe('capability_unavailable');
    const live = await readSequence(campaign.id);
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ source: 'provider', version: null, sequence: [], stale_reason: null });
  });

  it('refuses to change the sequence of an ACTIVE campaign, and takes it again once paused', async () => {
    const campaign = await newCampaign();
    // Smartlead starts no campaign without a sequence.
    expect((await saveSequence(campaign.id, V1)).status).toBe(200);
    const active = await world.request('POST', `/api/campaigns/${campaign.id}/status`, { token: company.companyAdminToken, body: { status: 'ACTIVE' } });
    expect(active.status, JSON.stringify(active.body)).toBe(200);
    const writesBefore = sequenceWrites(campaign.externalId).length;

    const locked = await saveSequence(campaign.id, V2);

    expect(locked.status).toBe(409);
    expect(locked.body).toMatchObject({ code: 'sequence_locked', detail: 'The campaign is ACTIVE; pause it before changing its sequence.' });
    expect(sequenceWrites(campaign.externalId)).toHaveLength(writesBefore);
    expect((await history(campaign.id)).body.map((version) => version.version)).toEqual([1]);

    const paused = await world.request('POST', `/api/campaigns/${campaign.id}/status`, { token: company.companyAdminToken, body: { status: 'PAUSED' } });
    expect(paused.status).toBe(200);
    const saved = await saveSequence(campaign.id, V2);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(2);
  });

  it('lets an org admin save, a member read but not save, and hides the campaign from other companies and organizations', async () => {
    const campaign = await newCampaign();
    const orgAdminSave = await saveSequence(campaign.id, V1, company.orgAdminToken);
    expect(orgAdminSave.status, JSON.stringify(orgAdminSave.body)).toBe(200);

    const memberSave = await saveSequence(campaign.id, V2, company.companyMemberToken);
    expect(memberSave.status).toBe(403);
    expect((await readSequence(campaign.id, company.companyMemberToken)).status).toBe(200);

    const sibling = await connectedEmailCompany(world, provider, company.org);
    const stranger = await connectedEmailCompany(world, provider);
    for (const token of [sibling.companyAdminToken, stranger.orgAdminToken]) {
      const paths = [sequencePath(campaign.id), `${sequencePath(campaign.id)}/versions`, `${sequencePath(campaign.id)}/versions/1`];
      for (const path of paths) {
        const answer = await world.request<ErrorBody>('GET', path, { token });
        expect([path, answer.status, answer.body.code]).toEqual([path, 404, 'campaign_not_found']);
      }
      const save = await saveSequence(campaign.id, V2, token);
      expect([save.status, save.body.code]).toEqual([404, 'campaign_not_found']);
    }
    expect((await history(campaign.id)).body.map((version) => version.version)).toEqual([1]);
  });

  it('answers 422 for a body that breaks the schema and 400, with locations, for steps that do not fit together', async () => {
    const campaign = await newCampaign();
    const writesBefore = sequenceWrites(campaign.externalId).length;

    const bad = [
      { sequence: [{ ...V1[0], id: 12 }] },
      { sequence: [{ seq_number: 1, subject: 'Hi', email_body: 'Body' }] },
      { sequence: [{ ...V1[0], seq_delay_details: { delay_in_days: '0' } }] },
      { sequence: [{ ...V1[0], email_body: '  ' }] },
      { sequence: [] },
      { sequence: V1, org_id: company.org.id },
    ];
    for (const body of bad) {
      const answer = await world.request<ErrorBody>('POST', sequencePath(campaign.id), { token: company.companyAdminToken, body });
      expect([JSON.stringify(body), answer.status]).toEqual([JSON.stringify(body), 422]);
    }

    const misfit = await saveSequence(campaign.id, [
      { seq_number: 1, subject: 'Hi', email_body: 'Body', seq_delay_details: { delay_in_days: 2 } },
      { seq_number: 3, email_body: 'Follow-up', seq_delay_details: { delay_in_days: 1 } },
    ]);
    expect(misfit.status).toBe(400);
    expect(misfit.body.code).toBe('invalid_sequence');
    expect(misfit.body.errors.map((problem) => [problem.loc.join('.'), problem.type])).toEqual([
      ['body.sequence.0.seq_delay_details.delay_in_days', 'first_step_delay'],
      ['body.sequence.1.seq_number', 'step_number_order'],
    ]);
    expect(sequenceWrites(campaign.externalId)).toHaveLength(writesBefore);
    expect((await history(campaign.id)).body).toEqual([]);
  });
});
