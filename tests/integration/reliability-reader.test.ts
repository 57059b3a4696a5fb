import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresReliabilityReader } from '../../adapters/persistence/webhooks/postgres-reliability.reader.js';
import { executeSql } from '../../adapters/persistence/shared/execute-sql.js';
import { mikroOrmOptions } from '../../infrastructure/database/mikro-orm-options.js';
import { PROVIDER_IDS, type SeededProviderSlug } from '../support/catalogue-ids.js';
import { workerDatabaseUrl } from '../support/worker-database-url.js';
import { tenantRows, type TenantRows } from './support/tenant-rows.js';

let orm: MikroORM;
let reader: PostgresReliabilityReader;
let tenants: TenantRows;

beforeAll(async () => {
  orm = await MikroORM.init(mikroOrmOptions({ url: workerDatabaseUrl(), poolMax: 4 }));
  reader = new PostgresReliabilityReader(orm);
  tenants = tenantRows(orm);
});

afterAll(async () => {
  await orm?.close();
});

type EventStatus = 'received' | 'projected' | 'ignored' | 'failed' | 'dead_letter';

interface EventRow {
  readonly provider: SeededProviderSlug;
  readonly orgId: string | null;
  readonly companyId?: string | null;
  readonly status?: EventStatus;
  readonly replayCount?: number;
  readonly receivedAt?: string;
}

/** A stored webhook event, written as the ingestion pipeline leaves it. */
async function storeEvent(row: EventRow): Promise<void> {
  const receivedAt = row.receivedAt ?? '2031-05-10T12:00:00.000Z';
  const replayCount = row.replayCount ?? 0;
  await executeSql(
    orm,
    `insert into webhook_events (id, provider_id, event_key, org_id, company_id, provider_event_type, canonical_type, status,
                                 payload, event, replay_count, last_replay_at, received_at, updated_at)
     values (?, ?, ?, ?, ?, 'EMAIL_SENT', 'message.sent', ?, '{}'::jsonb, '{}'::jsonb, ?, ?, ?, ?)`,
    [
      randomUUID(), PROVIDER_IDS[row.provider], `key-${randomUUID()}`, row.orgId, row.companyId ?? null, row.status ?? 'projected',
      replayCount, replayCount > 0 ? receivedAt : null, receivedAt, receivedAt,
    ],
    'run',
  );
}

async function organizationWithCompanies() {
  const org = await tenants.organization();
  const companyA = await tenants.company(org.id);
  const companyB = await tenants.company(org.id);
  return { org, companyA, companyB };
}

describe('PostgresReliabilityReader', () => {
  it('counts events, replayed events, replays and errors per capability, both email providers under email_outreach', async () => {
    const { org, companyA, companyB } = await organizationWithCompanies();
    await storeEvent({ provider: 'smartlead', orgId: org.id, companyId: companyA.id, replayCount: 2 });
    await storeEvent({ provider: 'smartlead', orgId: org.id, companyId: companyA.id, status: 'failed' });
    await storeEvent({ provider: 'instantly', orgId: org.id, companyId: companyB.id, status: 'dead_letter', replayCount: 3 });
    // Not tied to a company yet: part of the organization, of no company.
    await storeEvent({ provider: 'instantly', orgId: org.id, status: 'received' });
    await storeEvent({ provider: 'heyreach', orgId: org.id, companyId: companyA.id, status: 'ignored', replayCount: 1 });

    const counts = await reader.countsByCapability(org.id, { scope: { kind: 'organization' } });

    expect(Object.fromEntries(counts)).toEqual({
      email_outreach: { eventsTotal: 4, replayedEventsTotal: 2, replayCountTotal: 5, errorsTotal: 2 },
      linkedin_outreach: { eventsTotal: 1, replayedEventsTotal: 1, replayCountTotal: 1, errorsTotal: 0 },
    });
  });

  it("reads one company's events only when scoped to it", async () => {
    const { org, companyA, companyB } = await organizationWithCompanies();
    await storeEvent({ provider: 'smartlead', orgId: org.id, companyId: companyA.id, status: 'failed', replayCount: 1 });
    await storeEvent({ provider: 'smartlead', orgId: org.id, companyId: companyB.id, replayCount: 4 });
    await storeEvent({ provider: 'smartlead', orgId: org.id, status: 'dead_letter' });

    const counts = await reader.countsByCapability(org.id, { scope: { kind: 'company', companyId: companyA.id } });

    expect(Object.fromEntries(counts)).toEqual({ email_outreach: { eventsTotal: 1, replayedEventsTotal: 1, replayCountTotal: 1, errorsTotal: 1 } });
    const empty = await reader.countsByCapability(org.id, { scope: { kind: 'company', companyId: (await tenants.company(org.id)).id } });
    expect(empty.size).toBe(0);
  });

  it('keeps to one capability when asked', async () => {
    const { org, companyA } = await organizationWithCompanies();
    await storeEvent({ provider: 'instantly', orgId: org.id, companyId: companyA.id });
    await storeEvent({ provider: 'heyreach', orgId: org.id, companyId: companyA.id, status: 'failed' });

    const linkedin = await reader.countsByCapability(org.id, { scope: { kind: 'organization' }, capability: 'linkedin_outreach' });

    expect(Object.fromEntries(linkedin)).toEqual({ linkedin_outreach: { eventsTotal: 1, replayedEventsTotal: 0, replayCountTotal: 0, errorsTotal: 1 } });
  });

  it('counts by received time, from inclusive and to exclusive', async () => {
    const { org, companyA } = await organizationWithCompanies();
    await storeEvent({ provider: 'smartlead', orgId: org.id, companyId: companyA.id, receivedAt: '2031-05-01T00:00:00.000Z' });
    await storeEvent({ provider: 'smartlead', orgId: org.id, companyId: companyA.id, receivedAt: '2031-05-15T00:00:00.000Z', status: 'failed' });
    await storeEvent({ provider: 'smartlead', orgId: org.id, companyId: companyA.id, receivedAt: '2031-06-01T00:00:00.000Z' });

    const window = { from: new Date('2031-05-01T00:00:00.000Z'), to: new Date('2031-06-01T00:00:00.000Z') };
    const inWindow = await reader.countsByCapability(org.id, { scope: { kind: 'organization' }, ...window });
    const companyInWindow = await reader.countsByCapability(org.id, { scope: { kind: 'company', companyId: companyA.id }, ...window });
    const afterOnly = await reader.countsByCapability(org.id, { scope: { kind: 'organization' }, from: new Date('2031-05-15T00:00:00.001Z') });

    expect(inWindow.get('email_outreach')).toEqual({ eventsTotal: 2, replayedEventsTotal: 0, replayCountTotal: 0, errorsTotal: 1 });
    expect(companyInWindow.get('email_outreach')).toEqual(inWindow.get('email_outreach'));
    expect(afterOnly.get('email_outreach')?.eventsTotal).toBe(1);
  });

  it("never counts another organization's events, nor deliveries that matched no organization", async () => {
    const { org, companyA } = await organizationWithCompanies();
    const other = await organizationWithCompanies();
    await storeEvent({ provider: 'smartlead', orgId: other.org.id, companyId: other.companyA.id, status: 'failed', replayCount: 2 });
    await storeEvent({ provider: 'heyreach', orgId: null, status: 'dead_letter' });

    expect((await reader.countsByCapability(org.id, { scope: { kind: 'organization' } })).size).toBe(0);
    // Another organization's company id under this organization finds nothing either.
    expect((await reader.countsByCapability(org.id, { scope: { kind: 'company', companyId: other.companyA.id } })).size).toBe(0);
    await storeEvent({ provider: 'smartlead', orgId: org.id, companyId: companyA.id });
    expect(Object.fromEntries(await reader.countsByCapability(org.id, { scope: { kind: 'organization' } }))).toEqual({
      email_outreach: { eventsTotal: 1, replayedEventsTotal: 0, replayCountTotal: 0, errorsTotal: 0 },
    });
  });
});
