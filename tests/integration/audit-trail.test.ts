import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroOrmAuditLog } from '../../adapters/persistence/audit/mikro-orm-audit-log.js';
import { MikroOrmAuditTrail } from '../../adapters/persistence/audit/mikro-orm-audit-trail.js';
import { RandomUuidGenerator } from '../../adapters/system/random-uuid-generator.js';
import type { AuditEvent, AuditEventFilter } from '../../application/audit/audit-trail.port.js';
import { InvalidCursorError } from '../../application/shared/pagination.js';
import type { Actor, AuditEntry } from '../../domain/audit/audit-entry.js';
import { mikroOrmOptions } from '../../infrastructure/database/mikro-orm-options.js';
import { workerDatabaseUrl } from '../support/worker-database-url.js';

let orm: MikroORM;
let trail: MikroOrmAuditTrail;
let auditLog: MikroOrmAuditLog;

beforeAll(async () => {
  orm = await MikroORM.init(mikroOrmOptions({ url: workerDatabaseUrl(), poolMax: 4 }));
  trail = new MikroOrmAuditTrail(orm);
  auditLog = new MikroOrmAuditLog(orm, new RandomUuidGenerator());
});

afterAll(async () => {
  await orm?.close();
});

/** Audit rows can never be deleted, so every test writes under its own action and org ids. */
function uniqueAction(label: string): string {
  return `test.${label}.${randomUUID().slice(0, 8)}`;
}

function entry(overrides: Partial<AuditEntry> & Pick<AuditEntry, 'action' | 'occurredAt'>): AuditEntry {
  return {
    actor: { type: 'system' },
    orgId: null,
    targetType: 'organization',
    targetId: null,
    requestId: `req-${randomUUID()}`,
    outcome: 'success',
    detail: {},
    ...overrides,
  };
}

async function listAll(filter: AuditEventFilter, limit: number): Promise<AuditEvent[]> {
  const seen: AuditEvent[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await trail.list(filter, { limit, after });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items);
    if (!page.nextCursor) return seen;
    after = page.nextCursor;
  }
}

const at = (iso: string) => new Date(iso);

describe('MikroOrmAuditTrail', () => {
  it('maps every field back, each actor type to its domain shape', async () => {
    const action = uniqueAction('mapping');
    const orgId = randomUUID();
    const targetId = randomUUID();
    const actors: Actor[] = [
      { type: 'super_admin', id: randomUUID() },
      { type: 'user', id: randomUUID() },
      { type: 'system' },
      { type: 'anonymous' },
    ];
    for (const [index, actor] of actors.entries()) {
      await auditLog.record(
        entry({
          action,
          actor,
          orgId,
          targetType: 'user',
          targetId,
          requestId: `mapping-${index}`,
          outcome: index % 2 ? 'failure' : 'success',
          detail: { reason: 'because', count: index, flag: true, fields: ['name', 'role'] },
          occurredAt: at(`2020-01-01T00:00:0${index}.000Z`),
        }),
      );
    }
    const page = await trail.list({ action }, { limit: 10 });
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((event) => event.actor)).toEqual([...actors].reverse());
    expect(page.items[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      actor: { type: 'anonymous' },
      orgId,
      action,
      targetType: 'user',
      targetId,
      requestId: 'mapping-3',
      outcome: 'failure',
      detail: { reason: 'because', count: 3, flag: true, fields: ['name', 'role'] },
      occurredAt: at('2020-01-01T00:00:03.000Z'),
    });
    expect(page.items[3]?.orgId).toBe(orgId);
    expect(page.items.map((event) => event.outcome)).toEqual(['failure', 'success', 'failure', 'success']);
  });

  it('filters by organization, actor, action and a half-open time range', async () => {
    const action = uniqueAction('filter');
    const otherAction = uniqueAction('filter-other');
    const [orgA, orgB] = [randomUUID(), randomUUID()];
    const alice: Actor = { type: 'user', id: randomUUID() };
    const admin: Actor = { type: 'super_admin', id: randomUUID() };
    const rows: AuditEntry[] = [
      entry({ action, orgId: orgA, actor: alice, occurredAt: at('2021-03-01T00:00:00.000Z') }),
      entry({ action, orgId: orgA, actor: admin, occurredAt: at('2021-03-02T00:00:00.000Z') }),
      entry({ action, orgId: orgB, actor: alice, occurredAt: at('2021-03-03T00:00:00.000Z') }),
      entry({ action: otherAction, orgId: orgA, actor: alice, occurredAt: at('2021-03-04T00:00:00.000Z') }),
      entry({ action, orgId: null, actor: { type: 'anonymous' }, occurredAt: at('2021-03-05T00:00:00.000Z') }),
    ];
    for (const row of rows) await auditLog.record(row);
    const requestIds = async (filter: AuditEventFilter) => (await listAll(filter, 10)).map((event) => event.requestId);
    const [r0, r1, r2, r3, r4] = rows.map((row) => row.requestId);

    expect(await requestIds({ action })).toEqual([r4, r2, r1, r0]);
    expect(await requestIds({ orgId: orgA })).toEqual([r3, r1, r0]);
    expect(await requestIds({ orgId: orgA, action })).toEqual([r1, r0]);
    expect(await requestIds({ actorId: alice.id })).toEqual([r3, r2, r0]);
    expect(await requestIds({ actorId: alice.id, orgId: orgB })).toEqual([r2]);
    // since is inclusive, until exclusive.
    expect(await requestIds({ action, since: at('2021-03-02T00:00:00.000Z'), until: at('2021-03-05T00:00:00.000Z') })).toEqual([r2, r1]);
    expect(await requestIds({ action, since: at('2021-03-05T00:00:00.000Z') })).toEqual([r4]);
    expect(await requestIds({ action, until: at('2021-03-01T00:00:00.001Z') })).toEqual([r0]);
    expect(await requestIds({ orgId: randomUUID() })).toEqual([]);
  });

  it('pages newest first across many rows, ties included, without gaps or duplicates', async () => {
    const action = uniqueAction('paging');
    const instants = ['2022-01-01T00:00:00.000Z', '2022-01-02T00:00:00.000Z', '2022-01-02T00:00:00.000Z', '2022-01-02T00:00:00.000Z', '2022-01-03T00:00:00.000Z'];
    const written: AuditEntry[] = [];
    for (let i = 0; i < 23; i += 1) {
      const row = entry({ action, occurredAt: at(instants[i % instants.length]!) });
      written.push(row);
      await auditLog.record(row);
    }
    const everything = await listAll({ action }, 100);
    expect(everything).toHaveLength(23);
    for (let i = 1; i < everything.length; i += 1) {
      const [previous, current] = [everything[i - 1]!, everything[i]!];
      const order = previous.occurredAt.getTime() - current.occurredAt.getTime() || (previous.id > current.id ? 1 : -1);
      expect(order).toBeGreaterThan(0);
    }
    for (const limit of [1, 4, 5, 22, 23]) {
      const paged = await listAll({ action }, limit);
      expect(paged.map((event) => event.id)).toEqual(everything.map((event) => event.id));
    }
    expect(new Set(everything.map((event) => event.requestId))).toEqual(new Set(written.map((row) => row.requestId)));

    const first = await trail.list({ action }, { limit: 23 });
    expect(first.nextCursor).toBeNull();
    const partial = await trail.list({ action }, { limit: 22 });
    expect(partial.nextCursor).not.toBeNull();
  });

  it('keeps a cursor valid with filters: the next page holds only matching rows', async () => {
    const action = uniqueAction('filtered-paging');
    const orgId = randomUUID();
    for (let i = 0; i < 6; i += 1) {
      await auditLog.record(entry({ action, orgId: i % 2 ? orgId : randomUUID(), occurredAt: at(`2023-01-01T00:00:0${i}.000Z`) }));
    }
    const pages = [];
    let after: string | undefined;
    do {
      const page = await trail.list({ action, orgId }, { limit: 2, after });
      pages.push(page.items.map((event) => event.occurredAt.toISOString()));
      after = page.nextCursor ?? undefined;
    } while (after);
    expect(pages).toEqual([['2023-01-01T00:00:05.000Z', '2023-01-01T00:00:03.000Z'], ['2023-01-01T00:00:01.000Z']]);
  });

  it('refuses cursors it did not issue', async () => {
    await expect(trail.list({}, { limit: 5, after: 'bm90LWEtY3Vyc29y' })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});
