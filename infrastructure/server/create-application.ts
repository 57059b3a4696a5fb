import type { MikroORM } from '@mikro-orm/postgresql';
import type { Container } from 'inversify';
import type Koa from 'koa';
import type { Logger } from 'pino';
import { createAuthenticators } from '../../adapters/http/auth/authenticators.js';
import { createHttpApp } from '../../adapters/http/create-http-app.js';
import { auditEventRoutes } from '../../adapters/http/audit/audit-events.routes.js';
import { tenantCapabilityRoutes } from '../../adapters/http/entitlements/capabilities.routes.js';
import { entitlementRoutes } from '../../adapters/http/entitlements/entitlements.routes.js';
import { healthRoutes } from '../../adapters/http/health/health.routes.js';
import { reliabilityRoutes } from '../../adapters/http/analytics/reliability.routes.js';
import { analyticsRoutes } from '../../adapters/http/outreach/analytics.routes.js';
import { campaignRoutes } from '../../adapters/http/outreach/campaigns.routes.js';
import { sequenceRoutes } from '../../adapters/http/outreach/sequences.routes.js';
import { leadRoutes } from '../../adapters/http/outreach/leads.routes.js';
import { webhookEndpointRoutes } from '../../adapters/http/webhooks/webhook-endpoints.routes.js';
import { webhookEventRoutes } from '../../adapters/http/webhooks/webhook-events.routes.js';
import { webhookRoutes } from '../../adapters/http/webhooks/webhooks.routes.js';
import { messageRoutes } from '../../adapters/http/outreach/messages.routes.js';
import { senderAccountRoutes } from '../../adapters/http/outreach/sender-accounts.routes.js';
import { provisioningRoutes } from '../../adapters/http/provisioning/provisioning.routes.js';
import { authRoutes } from '../../adapters/http/identity/auth.routes.js';
import { apiTokenRoutes } from '../../adapters/http/super-admin/api-tokens.routes.js';
import { catalogueRoutes } from '../../adapters/http/super-admin/catalogue.routes.js';
import { organizationLifecycleRoutes } from '../../adapters/http/super-admin/organization-lifecycle.routes.js';
import { organizationMemberRoutes } from '../../adapters/http/super-admin/organization-members.routes.js';
import { organizationRoutes } from '../../adapters/http/super-admin/organizations.routes.js';
import { providerConfigRoutes } from '../../adapters/http/super-admin/provider-config.routes.js';
import { companyRoutes } from '../../adapters/http/tenancy/companies.routes.js';
import { tenantOrganizationRoutes } from '../../adapters/http/tenancy/organizations.routes.js';
import { userRoutes } from '../../adapters/http/tenancy/users.routes.js';
import { superAdminAuthRoutes } from '../../adapters/http/super-admin/super-admin-auth.routes.js';
import type { Config } from '../config/config.js';
import { buildContainer, type ContainerOptions } from '../container/container.js';
import { sequenceUseCasesOf } from '../container/sequence-use-cases.js';
import { TOKENS as T } from '../container/tokens.js';
import { createReadinessProbe } from '../database/readiness-probe.js';

export interface Application {
  readonly http: Koa;
  readonly container: Container;
}

export const API_INFO = {
  title: 'Outbound Engine X',
  version: '0.1.0',
  description: 'Multi-tenant outbound infrastructure API. Errors use one envelope: {detail, code, errors}.',
};

/** Wires the container and the HTTP app around an open database. Starts nothing by itself. */
export async function createApplication(
  config: Config,
  logger: Logger,
  orm: MikroORM,
  options: ContainerOptions = {},
): Promise<Application> {
  const container = buildContainer(config, logger, orm, options);
  const routes = [
    ...healthRoutes(createReadinessProbe(orm)),
    ...superAdminAuthRoutes({ loginSuperAdmin: container.get(T.LoginSuperAdmin) }),
    ...authRoutes({
      loginUser: container.get(T.LoginUser),
      listSwitchableOrganizations: container.get(T.ListSwitchableOrganizations),
      switchOrganization: container.get(T.SwitchOrganization),
    }),
    ...apiTokenRoutes({
      issueApiToken: container.get(T.IssueApiToken),
      listApiTokens: container.get(T.ListApiTokens),
      revokeApiToken: container.get(T.RevokeApiToken),
      clock: container.get(T.Clock),
    }),
    ...auditEventRoutes({ listAuditEvents: container.get(T.ListAuditEvents) }),
    ...organizationRoutes({
      createOrganization: container.get(T.CreateOrganization),
      listOrganizations: container.get(T.ListOrganizations),
      getOrganization: container.get(T.GetOrganization),
      updateOrganization: container.get(T.UpdateOrganization),
      deleteOrganization: container.get(T.DeleteOrganization),
    }),
    ...organizationLifecycleRoutes({ transitionOrganization: container.get(T.TransitionOrganization) }),
    ...organizationMemberRoutes({
      createUser: container.get(T.CreateUser),
      listUsers: container.get(T.ListUsers),
      deleteUser: container.get(T.DeleteUser),
      createCompany: container.get(T.CreateCompany),
      listCompanies: container.get(T.ListCompanies),
    }),
    ...catalogueRoutes({ listCapabilities: container.get(T.ListCapabilities), listProviders: container.get(T.ListProviders) }),
    ...providerConfigRoutes({ setProviderCredentials: container.get(T.SetProviderCredentials) }),
    ...provisioningRoutes({
      provisionCapability: container.get(T.ProvisionCapability),
      getProvisioningStatus: container.get(T.GetProvisioningStatus),
      syncSenderAccounts: container.get(T.SyncSenderAccounts),
    }),
    ...tenantOrganizationRoutes({
      getOrganization: container.get(T.GetOrganization),
      updateOrganization: container.get(T.UpdateOrganization),
    }),
    ...companyRoutes({
      createCompany: container.get(T.CreateCompany),
      listCompanies: container.get(T.ListCompanies),
      getCompany: container.get(T.GetCompany),
      updateCompany: container.get(T.UpdateCompany),
      deleteCompany: container.get(T.DeleteCompany),
    }),
    ...userRoutes({
      createUser: container.get(T.CreateUser),
      listUsers: container.get(T.ListUsers),
      getUser: container.get(T.GetUser),
      updateUser: container.get(T.UpdateUser),
      deleteUser: container.get(T.DeleteUser),
    }),
    ...tenantCapabilityRoutes({ listCapabilities: container.get(T.ListCapabilities) }),
    // Before the campaign routes: the literal /api/campaigns/messages must win over /api/campaigns/{campaign_id}.
    ...messageRoutes({
      listMessageFeed: container.get(T.ListMessageFeed),
      listCampaignReplies: container.get(T.ListCampaignReplies),
      getLeadThread: container.get(T.GetLeadThread),
    }),
    ...analyticsRoutes({
      getCampaignAnalyticsSummary: container.get(T.GetCampaignAnalyticsSummary),
      getCampaignProviderAnalytics: container.get(T.GetCampaignProviderAnalytics),
    }),
    ...reliabilityRoutes({ getReliabilityAnalytics: container.get(T.GetReliabilityAnalytics) }),
    ...campaignRoutes({
      createCampaign: container.get(T.CreateCampaign),
      listCampaigns: container.get(T.ListCampaigns),
      getCampaign: container.get(T.GetCampaign),
      changeCampaignStatus: container.get(T.ChangeCampaignStatus),
    }),
    ...sequenceRoutes(sequenceUseCasesOf(container)),
    // Before the token URL: `POST /api/webhooks/dead-letters/replay` would match it too.
    ...webhookEventRoutes({
      listWebhookEvents: container.get(T.ListWebhookEvents),
      getDeadLetter: container.get(T.GetDeadLetter),
      replayWebhookEvents: container.get(T.ReplayWebhookEvents),
    }),
    ...webhookRoutes(container.get(T.ReceiveWebhook)),
    ...webhookEndpointRoutes({
      issueWebhookEndpoint: container.get(T.IssueWebhookEndpoint),
      listWebhookEndpoints: container.get(T.ListWebhookEndpoints),
      revokeWebhookEndpoint: container.get(T.RevokeWebhookEndpoint),
    }),
    ...leadRoutes({
      addCampaignLeads: container.get(T.AddCampaignLeads),
      listCampaignLeads: container.get(T.ListCampaignLeads),
      getLeadImport: container.get(T.GetLeadImport),
      changeLeadState: container.get(T.ChangeLeadState),
    }),
    ...senderAccountRoutes({ listInboxes: container.get(T.ListInboxes), listLinkedInAccounts: container.get(T.ListLinkedInAccounts) }),
    ...entitlementRoutes({
      createEntitlement: container.get(T.CreateEntitlement),
      listEntitlements: container.get(T.ListEntitlements),
      getEntitlement: container.get(T.GetEntitlement),
      updateEntitlement: container.get(T.UpdateEntitlement),
      deleteEntitlement: container.get(T.DeleteEntitlement),
    }),
  ];
  const http = await createHttpApp({
    routes,
    authenticators: createAuthenticators({
      authenticateSuperAdmin: container.get(T.AuthenticateSuperAdmin),
      authenticateTenant: container.get(T.AuthenticateTenant),
    }),
    throttle: container.get(T.ApiThrottle),
    logger,
    corsOrigins: config.http.corsOrigins,
    bodyLimit: config.http.bodyLimit,
    trustProxy: config.http.trustProxy,
    checkResponses: config.env === 'test',
    openApiInfo: API_INFO,
  });
  return { http, container };
}
