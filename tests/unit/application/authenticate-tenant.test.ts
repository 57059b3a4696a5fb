import { describe, expect, it } from 'vitest';
import { AuthenticateTenant } from '../../../application/access/authenticate-tenant.js';
import type { TenantAccount, TenantAccountReader } from '../../../application/access/tenant-account-reader.port.js';
import { AuditedTransaction } from '../../../application/audit/audited-transaction.js';
import type { UserRepository } from '../../../application/identity/user.repository.js';
import type { CompanyRepository } from '../../../application/tenancy/company.repository.js';
import type { OrganizationRepository } from '../../../application/tenancy/organization.repository.js';
import { JwtSessionTokens } from '../../../adapters/security/jwt-session-tokens.js';
import { Sha256ApiTokenSecrets } from '../../../adapters/security/sha256-api-token-secrets.js';
import { ApiToken } from '../../../domain/identity/api-token.js';
import { AuthenticationRequiredError } from '../../../domain/identity/identity-errors.js';
import { InMemoryApiTokenRepository, TEST_JWT_SETTINGS } from '../../support/fakes/index.js';
import { SUPER_ADMIN, makeTenancySut } from './tenancy-sut.js';

/**
 * The MikroORM reader's join, over the in-memory stores: the user, its organization and (when it
 * has one) its company must all be live, and role, company and status are read fresh each call.
 */
class InMemoryTenantAccountReader implements TenantAccountReader {
  constructor(
    private readonly users: UserRepository,
    private readonly organizations: OrganizationRepository,
    private readonly companies: CompanyRepository,
  ) {}

  async findLive(orgId: string, userId: string): Promise<TenantAccount | null> {
    const user = await this.users.findById(orgId, userId);
    if (!user) return null;
    const organization = await this.organizations.findById(orgId);
    if (!organization) return null;
    if (user.companyId !== null && !(await this.companies.findById(orgId, user.companyId))) return null;
    return { userId: user.id, orgId, companyId: user.companyId, role: user.role, organizationStatus: organization.status };
  }
}

const REFUSAL_MESSAGE = 'Invalid or expired token.';

function makeSut() {
  const tenancy = makeTenancySut();
  const apiTokens = new InMemoryApiTokenRepository();
  const secrets = new Sha256ApiTokenSecrets();
  const sessions = new JwtSessionTokens(TEST_JWT_SETTINGS, tenancy.clock);
  const audited = new AuditedTransaction(tenancy.transactions, tenancy.auditLog, tenancy.clock);
  const accounts = new InMemoryTenantAccountReader(tenancy.users, tenancy.organizations, tenancy.companies);
  return {
    ...tenancy,
    apiTokens,
    secrets,
    sessions,
    authenticate: new AuthenticateTenant(sessions, apiTokens, secrets, accounts, audited, tenancy.clock),
    async apiTokenFor(orgId: string, userId: string, expiresAt: Date | null = null): Promise<{ raw: string; token: ApiToken }> {
      const secret = secrets.generate();
      const token = ApiToken.issue({ id: tenancy.ids.next(), orgId, userId, tokenHash: secret.hash, expiresAt, now: tenancy.clock.now() });
      await apiTokens.add(token);
      return { raw: secret.raw, token };
    },
  };
}

type Sut = ReturnType<typeof makeSut>;

async function withTenant(sut: Sut = makeSut()) {
  const orgId = await sut.organization('acme', 'Acme');
  const company = await sut.company(orgId, 'Widgets');
  const admin = await sut.user(orgId, { role: 'org_admin', email: 'admin@acme.test' });
  const member = await sut.user(orgId, { role: 'company_member', companyId: company.id, email: 'member@acme.test' });
  return { sut, orgId, company, admin, member };
}

async function sessionFor(sut: Sut, orgId: string, userId: string, provenUserIds: string[] = [userId]): Promise<string> {
  return (await sut.sessions.issueTenantSession({ userId, orgId, provenUserIds })).token;
}

async function refusal(sut: Sut, token: string | null, requestId = 'req-auth'): Promise<AuthenticationRequiredError> {
  const error = await sut.authenticate.execute({ token, requestId }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AuthenticationRequiredError);
  return error as AuthenticationRequiredError;
}

describe('AuthenticateTenant: sessions', () => {
  it('turns a session into the caller, with role, company and status read from the stores', async () => {
    const { sut, orgId, company, member } = await withTenant();
    const token = await sessionFor(sut, orgId, member.id);

    await expect(sut.authenticate.execute({ token, requestId: 'req-1' })).resolves.toEqual({
      userId: member.id,
      orgId,
      companyId: company.id,
      role: 'company_member',
      organizationStatus: 'onboarding',
      authMethod: 'session',
      apiTokenId: null,
      provenUserIds: [member.id],
    });
    expect(sut.auditLog.entriesFor('auth.credential_rejected')).toEqual([]);
  });

  it('an org admin session has no company', async () => {
    const { sut, orgId, admin } = await withTenant();

    await expect(sut.authenticate.execute({ token: await sessionFor(sut, orgId, admin.id), requestId: 'r' })).resolves.toMatchObject({
      role: 'org_admin',
      companyId: null,
    });
  });

  it('passes the proven accounts of the session through, the subject included', async () => {
    const { sut, orgId, admin, member } = await withTenant();
    const token = await sessionFor(sut, orgId, admin.id, [member.id]);

    await expect(sut.authenticate.execute({ token, requestId: 'r' })).resolves.toMatchObject({ provenUserIds: [admin.id, member.id] });
  });

  it('reads role and company again on every call: a change after the token was issued shows on the next request', async () => {
    const { sut, orgId, company, member } = await withTenant();
    const token = await sessionFor(sut, orgId, member.id);
    await expect(sut.authenticate.execute({ token, requestId: 'r1' })).resolves.toMatchObject({ role: 'company_member' });

    const stored = await sut.users.findById(orgId, member.id);
    stored?.update({ role: 'company_admin' }, sut.clock.now());
    await sut.users.save(stored!);
    await expect(sut.authenticate.execute({ token, requestId: 'r2' })).resolves.toMatchObject({ role: 'company_admin', companyId: company.id });

    stored?.update({ role: 'org_admin', companyId: null }, sut.clock.now());
    await sut.users.save(stored!);
    await expect(sut.authenticate.execute({ token, requestId: 'r3' })).resolves.toMatchObject({ role: 'org_admin', companyId: null });
  });

  it('reads the organization status on every call', async () => {
    const { sut, orgId, admin } = await withTenant();
    const token = await sessionFor(sut, orgId, admin.id);

    await sut.transitionOrganization.execute({ context: SUPER_ADMIN, organizationId: orgId, step: 'activate' });
    await expect(sut.authenticate.execute({ token, requestId: 'r1' })).resolves.toMatchObject({ organizationStatus: 'active' });
    await sut.transitionOrganization.execute({ context: SUPER_ADMIN, organizationId: orgId, step: 'suspend' });
    await expect(sut.authenticate.execute({ token, requestId: 'r2' })).resolves.toMatchObject({ organizationStatus: 'suspended' });
  });

  it('accepts a session until its ttl runs out', async () => {
    const { sut, orgId, admin } = await withTenant();
    const token = await sessionFor(sut, orgId, admin.id);

    sut.clock.advanceSeconds(TEST_JWT_SETTINGS.ttlSeconds - 1);
    await expect(sut.authenticate.execute({ token, requestId: 'r' })).resolves.toMatchObject({ userId: admin.id });
    sut.clock.advanceSeconds(1);
    await refusal(sut, token);
  });
});

describe('AuthenticateTenant: API tokens', () => {
  it('turns an API token into its user, marked as such, and records its use', async () => {
    const { sut, orgId, company, member } = await withTenant();
    const { raw, token } = await sut.apiTokenFor(orgId, member.id);
    sut.clock.advanceSeconds(30);

    await expect(sut.authenticate.execute({ token: raw, requestId: 'req-1' })).resolves.toEqual({
      userId: member.id,
      orgId,
      companyId: company.id,
      role: 'company_member',
      organizationStatus: 'onboarding',
      authMethod: 'api_token',
      apiTokenId: token.id,
      provenUserIds: [],
    });
    expect(sut.apiTokens.recordedUses).toBe(1);
    expect((await sut.apiTokens.findById(orgId, token.id))?.lastUsedAt).toEqual(sut.clock.now());
  });

  it('reads the role of an API token user fresh too', async () => {
    const { sut, orgId, member } = await withTenant();
    const { raw } = await sut.apiTokenFor(orgId, member.id);
    const stored = await sut.users.findById(orgId, member.id);
    stored?.update({ role: 'company_admin' }, sut.clock.now());
    await sut.users.save(stored!);

    await expect(sut.authenticate.execute({ token: raw, requestId: 'r' })).resolves.toMatchObject({ role: 'company_admin' });
  });

  it('accepts an expiring token until just before its expiry', async () => {
    const { sut, orgId, admin } = await withTenant();
    const expiresAt = new Date(sut.clock.now().getTime() + 60_000);
    const { raw } = await sut.apiTokenFor(orgId, admin.id, expiresAt);

    sut.clock.advanceMs(59_999);
    await expect(sut.authenticate.execute({ token: raw, requestId: 'r' })).resolves.toMatchObject({ authMethod: 'api_token' });
    sut.clock.advanceMs(1);
    await refusal(sut, raw);
  });
});

describe('AuthenticateTenant: refusals', () => {
  type Case = {
    name: string;
    /** Builds the presented credential and any state around it; answers the expected audit target. */
    arrange: (tenant: Awaited<ReturnType<typeof withTenant>>) => Promise<{
      token: string;
      reason: string;
      orgId: string | null;
      targetType: string;
      targetId: string | null;
    }>;
  };

  const cases: Case[] = [
    {
      name: 'an unknown API token',
      arrange: async ({ sut }) => ({ token: sut.secrets.generate().raw, reason: 'unknown_token', orgId: null, targetType: 'credential', targetId: null }),
    },
    {
      name: 'an expired API token',
      arrange: async ({ sut, orgId, admin }) => {
        const { raw, token } = await sut.apiTokenFor(orgId, admin.id, new Date(sut.clock.now().getTime() + 1000));
        sut.clock.advanceSeconds(1);
        return { token: raw, reason: 'expired_token', orgId, targetType: 'api_token', targetId: token.id };
      },
    },
    {
      name: 'a revoked API token',
      arrange: async ({ sut, orgId, admin }) => {
        const { raw, token } = await sut.apiTokenFor(orgId, admin.id);
        const stored = await sut.apiTokens.findById(orgId, token.id);
        stored?.revoke(sut.clock.now());
        await sut.apiTokens.save(stored!);
        return { token: raw, reason: 'revoked_token', orgId, targetType: 'api_token', targetId: token.id };
      },
    },
    {
      name: 'an API token whose user was deleted',
      arrange: async ({ sut, orgId, member }) => {
        const { raw, token } = await sut.apiTokenFor(orgId, member.id);
        await sut.deleteUser.execute({ context: SUPER_ADMIN, orgId, userId: member.id });
        return { token: raw, reason: 'account_gone', orgId, targetType: 'api_token', targetId: token.id };
      },
    },
    {
      name: 'an API token whose organization was deleted',
      arrange: async ({ sut, orgId, admin }) => {
        const { raw, token } = await sut.apiTokenFor(orgId, admin.id);
        await sut.deleteOrganization.execute({ context: SUPER_ADMIN, organizationId: orgId });
        return { token: raw, reason: 'account_gone', orgId, targetType: 'api_token', targetId: token.id };
      },
    },
    {
      name: 'a session whose user was deleted',
      arrange: async ({ sut, orgId, member }) => {
        const token = await sessionFor(sut, orgId, member.id);
        await sut.deleteUser.execute({ context: SUPER_ADMIN, orgId, userId: member.id });
        return { token, reason: 'account_gone', orgId, targetType: 'user', targetId: member.id };
      },
    },
    {
      name: 'a session whose organization was deleted',
      arrange: async ({ sut, orgId, admin }) => {
        const token = await sessionFor(sut, orgId, admin.id);
        await sut.deleteOrganization.execute({ context: SUPER_ADMIN, organizationId: orgId });
        return { token, reason: 'account_gone', orgId, targetType: 'user', targetId: admin.id };
      },
    },
    {
      name: 'a session whose company was deleted',
      arrange: async ({ sut, orgId, company, member }) => {
        const token = await sessionFor(sut, orgId, member.id);
        await sut.deleteCompany.execute({ context: SUPER_ADMIN, orgId, companyId: company.id });
        return { token, reason: 'account_gone', orgId, targetType: 'user', targetId: member.id };
      },
    },
    {
      name: 'a session naming a user of another organization',
      arrange: async ({ sut, admin }) => {
        const otherOrg = await sut.organization('globex', 'Globex');
        const token = await sessionFor(sut, otherOrg, admin.id);
        return { token, reason: 'account_gone', orgId: otherOrg, targetType: 'user', targetId: admin.id };
      },
    },
    {
      name: 'a super-admin session',
      arrange: async ({ sut }) => ({
        token: (await sut.sessions.issueSuperAdminSession('0000aaaa-0000-4000-8000-000000000001')).token,
        reason: 'not_a_tenant_credential',
        orgId: null,
        targetType: 'credential',
        targetId: null,
      }),
    },
    {
      name: 'an expired session',
      arrange: async ({ sut, orgId, admin }) => {
        const token = await sessionFor(sut, orgId, admin.id);
        sut.clock.advanceSeconds(TEST_JWT_SETTINGS.ttlSeconds);
        return { token, reason: 'invalid_or_expired_session', orgId: null, targetType: 'credential', targetId: null };
      },
    },
    {
      name: 'a session signed with another secret',
      arrange: async ({ sut, orgId, admin }) => {
        const foreign = new JwtSessionTokens({ ...TEST_JWT_SETTINGS, secret: 'x'.repeat(40) }, sut.clock);
        const { token } = await foreign.issueTenantSession({ userId: admin.id, orgId, provenUserIds: [admin.id] });
        return { token, reason: 'invalid_or_expired_session', orgId: null, targetType: 'credential', targetId: null };
      },
    },
    {
      name: 'garbage',
      arrange: async () => ({ token: 'garbage-credential-xyz', reason: 'invalid_or_expired_session', orgId: null, targetType: 'credential', targetId: null }),
    },
    {
      name: 'a near-miss API token (one character short)',
      arrange: async ({ sut }) => ({
        token: sut.secrets.generate().raw.slice(0, -1),
        reason: 'invalid_or_expired_session',
        orgId: null,
        targetType: 'credential',
        targetId: null,
      }),
    },
  ];

  it.each(cases.map((testCase) => [testCase.name, testCase] as const))(
    'refuses %s with AuthenticationRequiredError and exactly one failure row, without the token',
    async (_name, testCase) => {
      const tenant = await withTenant();
      const { sut } = tenant;
      const expected = await testCase.arrange(tenant);
      const storedHashes = sut.apiTokens.allRows().map((row) => row.tokenHash);
      const rowsBefore = sut.auditLog.entries.length;

      const error = await refusal(sut, expected.token, 'req-refused');

      expect(error).toMatchObject({ code: 'authentication_required', kind: 'unauthenticated', message: REFUSAL_MESSAGE });
      expect(sut.auditLog.entries.slice(rowsBefore)).toEqual([
        {
          actor: { type: 'anonymous' },
          orgId: expected.orgId,
          action: 'auth.credential_rejected',
          targetType: expected.targetType,
          targetId: expected.targetId,
          requestId: 'req-refused',
          outcome: 'failure',
          detail: { reason: expected.reason, realm: 'tenant' },
          occurredAt: sut.clock.now(),
        },
      ]);
      const row = JSON.stringify(sut.auditLog.entries.at(-1));
      expect(row).not.toContain(expected.token);
      for (const hash of [...storedHashes, sut.secrets.hashOf(expected.token)]) expect(row).not.toContain(hash);
      expect(sut.apiTokens.recordedUses).toBe(0);
    },
  );

  it('answers every refused credential with the very same message and code', async () => {
    const messages = new Set<string>();
    for (const testCase of cases) {
      const tenant = await withTenant();
      const error = await refusal(tenant.sut, (await testCase.arrange(tenant)).token);
      messages.add(`${error.code}|${error.message}`);
    }

    expect([...messages]).toEqual([`authentication_required|${REFUSAL_MESSAGE}`]);
  });

  it.each([
    ['null', null],
    ['empty', ''],
  ])('refuses a %s token as unauthenticated and writes no audit row (nothing was presented)', async (_label, token) => {
    const { sut } = await withTenant();
    const rowsBefore = sut.auditLog.entries.length;

    const error = await refusal(sut, token);

    expect(error).toMatchObject({ code: 'authentication_required', kind: 'unauthenticated' });
    expect(sut.auditLog.entries.length).toBe(rowsBefore);
    expect(sut.auditLog.entriesFor('auth.credential_rejected')).toEqual([]);
  });

  it('a revoked token stops working at once, though it worked a moment before', async () => {
    const { sut, orgId, admin } = await withTenant();
    const { raw, token } = await sut.apiTokenFor(orgId, admin.id);
    await expect(sut.authenticate.execute({ token: raw, requestId: 'r1' })).resolves.toMatchObject({ apiTokenId: token.id });

    const stored = await sut.apiTokens.findById(orgId, token.id);
    stored?.revoke(sut.clock.now());
    await sut.apiTokens.save(stored!);

    await refusal(sut, raw);
    expect(sut.auditLog.entriesFor('auth.credential_rejected', 'failure')).toHaveLength(1);
  });
});
