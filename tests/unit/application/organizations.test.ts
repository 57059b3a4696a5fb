import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuditedTransaction } from '../../../application/audit/audited-transaction.js';
import { InvalidCursorError } from '../../../application/shared/pagination.js';
import type { IdGenerator } from '../../../application/shared/id-generator.port.js';
import type { RequestContext } from '../../../application/shared/request-context.js';
import { CreateOrganization } from '../../../application/tenancy/create-organization.js';
import { DeleteOrganization } from '../../../application/tenancy/delete-organization.js';
import { GetOrganization } from '../../../application/tenancy/get-organization.js';
import { ListOrganizations } from '../../../application/tenancy/list-organizations.js';
import type { OrganizationRepository } from '../../../application/tenancy/organization.repository.js';
import { UpdateOrganization } from '../../../application/tenancy/update-organization.js';
import { InvalidInputError } from '../../../domain/shared/domain-error.js';
import type { Organization } from '../../../domain/tenancy/organization.js';
import { OrganizationNotFoundError, OrganizationSlugTakenError } from '../../../domain/tenancy/organization-errors.js';
import {
  FixedClock,
  ImmediateTransactionRunner,
  InMemoryAuditLog,
  InMemoryOrganizationRepository,
  SequentialIdGenerator,
} from '../../support/fakes/index.js';

const ADMIN_ID = '0000aaaa-0000-4000-8000-000000000001';
const CONTEXT: RequestContext = { actor: { type: 'super_admin', id: ADMIN_ID }, requestId: 'req-1' };
const UNKNOWN_ID = 'ffffffff-ffff-4fff-8fff-ffffffffffff';

function makeSut(options: { organizations?: OrganizationRepository; ids?: IdGenerator } = {}) {
  const clock = new FixedClock();
  const ids = new SequentialIdGenerator();
  const store = new InMemoryOrganizationRepository();
  const organizations = options.organizations ?? store;
  const auditLog = new InMemoryAuditLog();
  const transactions = new ImmediateTransactionRunner(store, auditLog);
  const audited = new AuditedTransaction(transactions, auditLog, clock);
  return {
    clock,
    /** The ids handed out, unless `options.ids` replaced the generator. */
    ids,
    store,
    auditLog,
    transactions,
    create: new CreateOrganization(organizations, audited, clock, options.ids ?? ids),
    update: new UpdateOrganization(organizations, audited, clock),
    remove: new DeleteOrganization(organizations, audited, clock),
    get: new GetOrganization(organizations),
    list: new ListOrganizations(organizations),
  };
}

type Sut = ReturnType<typeof makeSut>;

function createOrganization(sut: Sut, slug: string, name = `Org ${slug}`): Promise<Organization> {
  return sut.create.execute({ context: CONTEXT, name, slug });
}

describe('CreateOrganization', () => {
  it('stores the organization and writes one success audit row naming actor, request and target', async () => {
    const sut = makeSut();

    const organization = await sut.create.execute({ context: CONTEXT, name: '  Acme  ', slug: 'acme' });

    expect(organization).toMatchObject({ name: 'Acme', slug: 'acme', status: 'onboarding', deletedAt: null });
    expect(organization.id).toBe(sut.ids.all[0]);
    expect(organization.createdAt).toEqual(sut.clock.now());
    expect(await sut.store.findById(organization.id)).toEqual(organization);
    expect(sut.auditLog.entries).toEqual([
      {
        actor: { type: 'super_admin', id: ADMIN_ID },
        orgId: organization.id,
        action: 'organization.create',
        targetType: 'organization',
        targetId: organization.id,
        requestId: 'req-1',
        outcome: 'success',
        detail: {},
        occurredAt: sut.clock.now(),
      },
    ]);
  });

  it('refuses a slug a live organization holds: OrganizationSlugTakenError, a failure row, nothing written', async () => {
    const sut = makeSut();
    const existing = await createOrganization(sut, 'acme');

    const attempt = sut.create.execute({ context: { ...CONTEXT, requestId: 'req-2' }, name: 'Other', slug: 'acme' });

    await expect(attempt).rejects.toBeInstanceOf(OrganizationSlugTakenError);
    await expect(attempt).rejects.toMatchObject({ code: 'organization_slug_taken', kind: 'conflict' });
    expect(sut.store.allRows()).toEqual([existing]);
    const failures = sut.auditLog.entriesFor('organization.create', 'failure');
    expect(failures).toEqual([
      expect.objectContaining({
        actor: CONTEXT.actor,
        requestId: 'req-2',
        targetId: sut.ids.all[1],
        detail: { code: 'organization_slug_taken' },
      }),
    ]);
    expect(sut.auditLog.entriesFor('organization.create', 'success')).toHaveLength(1);
    expect(sut.transactions.rollbacks).toBe(1);
  });

  it('maps a slug clash found only on insert (a concurrent writer) to the same error, rolled back', async () => {
    const store = new InMemoryOrganizationRepository();
    // A writer that passed the read-side check an instant before us: findBySlug sees nothing.
    const racing: OrganizationRepository = {
      findById: (id) => store.findById(id),
      findBySlug: async () => null,
      list: (page) => store.list(page),
      add: (organization) => store.add(organization),
      save: (organization) => store.save(organization),
    };
    const sut = makeSut({ organizations: racing });
    // Route the use case's writes into the store the runner rolls back.
    sut.transactions.register(store);
    await createOrganization(sut, 'acme');

    await expect(createOrganization(sut, 'acme')).rejects.toBeInstanceOf(OrganizationSlugTakenError);

    expect(store.allRows().map((row) => row.id)).toEqual([sut.ids.all[0]]);
    expect(sut.auditLog.entriesFor('organization.create', 'failure')).toEqual([
      expect.objectContaining({ detail: { code: 'organization_slug_taken' } }),
    ]);
  });

  it('rejects an invalid slug with InvalidInputError and a failure row, writing nothing', async () => {
    const sut = makeSut();

    await expect(createOrganization(sut, 'Bad Slug')).rejects.toBeInstanceOf(InvalidInputError);

    expect(sut.store.allRows()).toEqual([]);
    expect(sut.auditLog.entries).toEqual([
      expect.objectContaining({ action: 'organization.create', outcome: 'failure', detail: { code: 'invalid_input' } }),
    ]);
  });

  it('rolls the organization back when its audit row cannot be written, and audits nothing', async () => {
    const sut = makeSut();
    const outage = new Error('audit table unavailable');
    sut.auditLog.failNextRecord(outage);

    await expect(createOrganization(sut, 'acme')).rejects.toBe(outage);

    expect(sut.store.allRows()).toEqual([]);
    expect(sut.auditLog.entries).toEqual([]);
    // The slug is still free afterwards.
    await expect(createOrganization(sut, 'acme')).resolves.toMatchObject({ slug: 'acme' });
  });
});

describe('UpdateOrganization', () => {
  it('applies changes, bumps updatedAt and audits the changed fields', async () => {
    const sut = makeSut();
    const organization = await createOrganization(sut, 'acme', 'Acme');
    sut.clock.advanceSeconds(60);

    const updated = await sut.update.execute({
      context: CONTEXT,
      organizationId: organization.id,
      changes: { name: 'Acme Europe', slug: 'acme-eu' },
    });

    expect(updated).toMatchObject({ id: organization.id, name: 'Acme Europe', slug: 'acme-eu' });
    expect(updated.updatedAt).toEqual(sut.clock.now());
    expect(updated.createdAt).toEqual(organization.createdAt);
    expect(await sut.store.findById(organization.id)).toEqual(updated);
    expect(await sut.store.findBySlug('acme')).toBeNull();
    expect(sut.auditLog.entriesFor('organization.update')).toEqual([
      expect.objectContaining({
        outcome: 'success',
        actor: CONTEXT.actor,
        orgId: organization.id,
        targetId: organization.id,
        detail: { fields: ['name', 'slug'] },
      }),
    ]);
  });

  it('lists only the fields that changed, not every field given', async () => {
    const sut = makeSut();
    const organization = await createOrganization(sut, 'acme');

    await sut.update.execute({ context: CONTEXT, organizationId: organization.id, changes: { name: 'New', slug: 'acme' } });

    expect(sut.auditLog.entriesFor('organization.update', 'success')[0]?.detail).toEqual({ fields: ['name'] });
  });

  it('leaves updatedAt and the stored row untouched when nothing changes', async () => {
    const sut = makeSut();
    const organization = await createOrganization(sut, 'acme', 'Acme');
    sut.clock.advanceSeconds(60);

    const result = await sut.update.execute({
      context: CONTEXT,
      organizationId: organization.id,
      changes: { name: ' Acme ', slug: 'acme' },
    });

    expect(result.updatedAt).toEqual(organization.updatedAt);
    expect((await sut.store.findById(organization.id))?.updatedAt).toEqual(organization.updatedAt);
    expect(sut.auditLog.entriesFor('organization.update', 'success')).toEqual([
      expect.objectContaining({ detail: { fields: [] } }),
    ]);
  });

  it('allows keeping its own slug (no clash with itself)', async () => {
    const sut = makeSut();
    const organization = await createOrganization(sut, 'acme', 'Acme');

    const result = await sut.update.execute({
      context: CONTEXT,
      organizationId: organization.id,
      changes: { name: 'Renamed', slug: 'acme' },
    });

    expect(result).toMatchObject({ name: 'Renamed', slug: 'acme' });
  });

  it('answers OrganizationNotFoundError for an unknown id, with a failure row', async () => {
    const sut = makeSut();

    await expect(
      sut.update.execute({ context: CONTEXT, organizationId: UNKNOWN_ID, changes: { name: 'x' } }),
    ).rejects.toBeInstanceOf(OrganizationNotFoundError);

    expect(sut.auditLog.entries).toEqual([
      expect.objectContaining({
        action: 'organization.update',
        outcome: 'failure',
        targetId: UNKNOWN_ID,
        detail: { code: 'organization_not_found' },
      }),
    ]);
  });

  it('answers OrganizationNotFoundError for a soft-deleted organization', async () => {
    const sut = makeSut();
    const organization = await createOrganization(sut, 'acme');
    await sut.remove.execute({ context: CONTEXT, organizationId: organization.id });

    await expect(
      sut.update.execute({ context: CONTEXT, organizationId: organization.id, changes: { name: 'x' } }),
    ).rejects.toBeInstanceOf(OrganizationNotFoundError);
  });

  it("refuses another live organization's slug and changes nothing", async () => {
    const sut = makeSut();
    const first = await createOrganization(sut, 'acme', 'Acme');
    await createOrganization(sut, 'globex', 'Globex');
    sut.clock.advanceSeconds(60);

    await expect(
      sut.update.execute({ context: CONTEXT, organizationId: first.id, changes: { name: 'Renamed', slug: 'globex' } }),
    ).rejects.toMatchObject({ code: 'organization_slug_taken', kind: 'conflict' });

    expect(await sut.store.findById(first.id)).toEqual(first);
    expect(sut.auditLog.entriesFor('organization.update')).toEqual([
      expect.objectContaining({ outcome: 'failure', detail: { code: 'organization_slug_taken' } }),
    ]);
  });

  it("may take a soft-deleted organization's slug", async () => {
    const sut = makeSut();
    const gone = await createOrganization(sut, 'globex');
    const organization = await createOrganization(sut, 'acme');
    await sut.remove.execute({ context: CONTEXT, organizationId: gone.id });

    await expect(
      sut.update.execute({ context: CONTEXT, organizationId: organization.id, changes: { slug: 'globex' } }),
    ).resolves.toMatchObject({ slug: 'globex' });
  });

  it('refuses an invalid slug with InvalidInputError and a failure row', async () => {
    const sut = makeSut();
    const organization = await createOrganization(sut, 'acme');

    await expect(
      sut.update.execute({ context: CONTEXT, organizationId: organization.id, changes: { slug: 'ACME' } }),
    ).rejects.toBeInstanceOf(InvalidInputError);

    expect((await sut.store.findById(organization.id))?.slug).toBe('acme');
    expect(sut.auditLog.entriesFor('organization.update', 'failure')[0]?.detail).toEqual({ code: 'invalid_input' });
  });
});

describe('DeleteOrganization', () => {
  it('soft-deletes: the row stays stored but is no longer visible, with a success row', async () => {
    const sut = makeSut();
    const organization = await createOrganization(sut, 'acme');
    sut.clock.advanceSeconds(5);

    await sut.remove.execute({ context: CONTEXT, organizationId: organization.id });

    expect(await sut.store.findById(organization.id)).toBeNull();
    expect(await sut.store.findBySlug('acme')).toBeNull();
    await expect(sut.get.execute({ organizationId: organization.id })).rejects.toBeInstanceOf(OrganizationNotFoundError);
    const [row] = sut.store.allRows();
    expect(row?.deletedAt).toEqual(sut.clock.now());
    expect(sut.auditLog.entriesFor('organization.delete')).toEqual([
      expect.objectContaining({ outcome: 'success', targetId: organization.id, orgId: organization.id, requestId: 'req-1' }),
    ]);
  });

  it('frees the slug for a new organization', async () => {
    const sut = makeSut();
    const first = await createOrganization(sut, 'acme');
    await sut.remove.execute({ context: CONTEXT, organizationId: first.id });

    const second = await createOrganization(sut, 'acme');

    expect(second.id).not.toBe(first.id);
    expect(await sut.store.findBySlug('acme')).toEqual(second);
    expect(sut.store.allRows()).toHaveLength(2);
  });

  it('answers OrganizationNotFoundError when deleting twice, with a failure row the second time', async () => {
    const sut = makeSut();
    const organization = await createOrganization(sut, 'acme');
    await sut.remove.execute({ context: CONTEXT, organizationId: organization.id });
    const deletedAt = sut.store.allRows()[0]?.deletedAt;
    sut.clock.advanceSeconds(5);

    await expect(sut.remove.execute({ context: CONTEXT, organizationId: organization.id })).rejects.toBeInstanceOf(
      OrganizationNotFoundError,
    );

    expect(sut.store.allRows()[0]?.deletedAt).toEqual(deletedAt);
    expect(sut.auditLog.entriesFor('organization.delete').map((entry) => entry.outcome)).toEqual(['success', 'failure']);
    expect(sut.auditLog.entriesFor('organization.delete', 'failure')[0]?.detail).toEqual({ code: 'organization_not_found' });
  });

  it('answers OrganizationNotFoundError for an id that never existed', async () => {
    const sut = makeSut();

    await expect(sut.remove.execute({ context: CONTEXT, organizationId: UNKNOWN_ID })).rejects.toBeInstanceOf(
      OrganizationNotFoundError,
    );
    expect(sut.auditLog.entriesFor('organization.delete', 'failure')).toHaveLength(1);
  });
});

describe('GetOrganization', () => {
  it('returns a live organization by id', async () => {
    const sut = makeSut();
    const organization = await createOrganization(sut, 'acme');

    await expect(sut.get.execute({ organizationId: organization.id })).resolves.toEqual(organization);
  });

  it('answers OrganizationNotFoundError for an unknown id', async () => {
    const sut = makeSut();

    await expect(sut.get.execute({ organizationId: UNKNOWN_ID })).rejects.toBeInstanceOf(OrganizationNotFoundError);
  });
});

describe('ListOrganizations', () => {
  async function collectAll(sut: Sut, limit: number): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await sut.list.execute({ limit, after });
      pages += 1;
      expect(page.items.length).toBeLessThanOrEqual(limit);
      ids.push(...page.items.map((item) => item.id));
      after = page.nextCursor ?? undefined;
      if (pages > 100) throw new Error('paging does not terminate');
    } while (after !== undefined);
    return { ids, pages };
  }

  it('pages oldest first through every live organization exactly once', async () => {
    const sut = makeSut();
    const created: Organization[] = [];
    for (let index = 0; index < 7; index += 1) {
      created.push(await createOrganization(sut, `org-${index}`));
      // Pairs share a timestamp, so the id breaks ties.
      if (index % 2 === 1) sut.clock.advanceSeconds(1);
    }
    await sut.remove.execute({ context: CONTEXT, organizationId: created[3]?.id ?? '' });
    const live = created.filter((_, index) => index !== 3).map((organization) => organization.id);

    const { ids, pages } = await collectAll(sut, 2);

    expect(ids).toEqual(live);
    expect(pages).toBe(3);
  });

  it('returns no cursor on the last page, including an exactly full one', async () => {
    const sut = makeSut();
    await createOrganization(sut, 'a');
    await createOrganization(sut, 'b');

    const page = await sut.list.execute({ limit: 2 });

    expect(page.items.map((item) => item.slug)).toEqual(['a', 'b']);
    expect(page.nextCursor).toBeNull();
  });

  it('returns an empty page with no cursor when there is nothing', async () => {
    const sut = makeSut();

    await expect(sut.list.execute({ limit: 10 })).resolves.toEqual({ items: [], nextCursor: null });
  });

  it('answers InvalidCursorError for a cursor it did not issue', async () => {
    const sut = makeSut();

    await expect(sut.list.execute({ limit: 10, after: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('covers every live organization exactly once, in (createdAt, id) order, for any page size, timestamps and ids', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.uuid({ version: 4 }), { maxLength: 25 }).chain((uuids) =>
          fc.tuple(
            fc.constant(uuids),
            fc.array(fc.record({ advance: fc.constantFrom(0, 0, 1, 1000), deleted: fc.boolean() }), {
              minLength: uuids.length,
              maxLength: uuids.length,
            }),
          ),
        ),
        fc.integer({ min: 1, max: 8 }),
        async ([uuids, plan], limit) => {
          const queue = [...uuids];
          const sut = makeSut({ ids: { next: () => queue.shift() ?? '' } });
          const live: Organization[] = [];
          for (const [index, step] of plan.entries()) {
            sut.clock.advanceMs(step.advance);
            const organization = await createOrganization(sut, `org-${index}`);
            if (step.deleted) await sut.remove.execute({ context: CONTEXT, organizationId: organization.id });
            else live.push(organization);
          }
          const expected = live
            .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
            .map((organization) => organization.id);

          const { ids, pages } = await collectAll(sut, limit);

          expect(ids).toEqual(expected);
          expect(pages).toBe(Math.max(1, Math.ceil(live.length / limit)));
        },
      ),
      { numRuns: 60 },
    );
  });
});
