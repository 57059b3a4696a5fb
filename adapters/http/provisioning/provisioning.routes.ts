import type { GetProvisioningStatus } from '../../../application/provisioning/get-provisioning-status.js';
import type { ProvisionCapability } from '../../../application/provisioning/provision-capability.js';
import type { SyncSenderAccounts } from '../../../application/provisioning/sync-sender-accounts.js';
import { requestContextOf } from '../auth/request-context-of.js';
import { ErrorEnvelopeSchema } from '../openapi/error-envelope.schema.js';
import { defineRoute, type AnyRoute, type ResponseSpec } from '../routing/route.js';
import {
  EmailOutreachProvisionRequest,
  EmailOutreachProvisionResponse,
  InboxSyncResponse,
  LinkedInAccountSyncResponse,
  LinkedInOutreachProvisionRequest,
  LinkedInOutreachProvisionResponse,
  ProvisioningCompanyParams,
  toEmailOutreachProvisionResponse,
  toInboxSyncResponse,
  toLinkedInAccountSyncResponse,
  toLinkedInOutreachProvisionResponse,
} from './provisioning.schemas.js';

export interface ProvisioningUseCases {
  readonly provisionCapability: ProvisionCapability;
  readonly getProvisioningStatus: GetProvisioningStatus;
  readonly syncSenderAccounts: SyncSenderAccounts;
}

const TAGS = ['provisioning'];
const EMAIL = '/api/internal/provisioning/email-outreach/{company_id}';
const LINKEDIN = '/api/internal/provisioning/linkedin-outreach/{company_id}';

const companyMissing: ResponseSpec = { description: 'No live company has this id.', schema: ErrorEnvelopeSchema };
const providerTrouble: Readonly<Record<number, ResponseSpec>> = {
  502: { description: 'The provider refused the call (e.g. rejected credentials); recorded in last_error.', schema: ErrorEnvelopeSchema },
  503: { description: 'The provider is unreachable or throttling; recorded in last_error. Try again later.', schema: ErrorEnvelopeSchema },
};
const provisionConflicts: ResponseSpec = {
  description:
    '`capability_not_entitled` (no entitlement and no provider named), `entitlement_provider_mismatch`, or `provider_credentials_missing`.',
  schema: ErrorEnvelopeSchema,
};
const syncConflicts: ResponseSpec = {
  description: '`capability_not_entitled`, `capability_not_connected` (provision first) or `provider_credentials_missing`.',
  schema: ErrorEnvelopeSchema,
};

export function provisioningRoutes(useCases: ProvisioningUseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: EMAIL,
      operationId: 'provision_email_outreach',
      summary: "Connect a company's email outreach: verify the organization's key with the provider.",
      description:
        'Creates the entitlement when the company has none and `provider` is given. Success → `connected` ' +
        '(Smartlead needs a client id, else `pending_client_mapping`); a provider failure is recorded as ' +
        '`disconnected` + `last_error`, then answered 502/503.',
      tags: TAGS,
      auth: 'super_admin',
      params: ProvisioningCompanyParams,
      body: EmailOutreachProvisionRequest,
      responses: { 200: { description: 'Where provisioning now stands.', schema: EmailOutreachProvisionResponse }, 404: companyMissing, 409: provisionConflicts, ...providerTrouble },
      handle: async ({ params, body, principal, requestId }) => {
        const status = await useCases.provisionCapability.execute({
          context: requestContextOf(principal, requestId),
          capability: 'email_outreach',
          companyId: params.company_id,
          providerSlug: body.provider,
          clientId: body.smartlead_client_id === undefined || body.smartlead_client_id === null ? undefined : String(body.smartlead_client_id),
          clientIdField: 'smartlead_client_id',
        });
        return { status: 200, body: toEmailOutreachProvisionResponse(status) };
      },
    }),
    defineRoute({
      method: 'get',
      path: `${EMAIL}/status`,
      operationId: 'get_email_outreach_provisioning_status',
      summary: "Where a company's email outreach provisioning stands (no provider call).",
      tags: TAGS,
      auth: 'super_admin',
      params: ProvisioningCompanyParams,
      responses: {
        200: { description: 'Current state.', schema: EmailOutreachProvisionResponse },
        404: companyMissing,
        409: { description: '`capability_not_entitled`.', schema: ErrorEnvelopeSchema },
      },
      handle: async ({ params }) => {
        const status = await useCases.getProvisioningStatus.execute({ capability: 'email_outreach', companyId: params.company_id });
        return { status: 200, body: toEmailOutreachProvisionResponse(status) };
      },
    }),
    defineRoute({
      method: 'post',
      path: `${EMAIL}/sync-inboxes`,
      operationId: 'sync_email_outreach_inboxes',
      summary: "Copy the company's sending accounts from its provider into its inboxes.",
      description: 'Smartlead: the accounts of the company\'s client only. Accounts no longer listed are kept as inactive.',
      tags: TAGS,
      auth: 'super_admin',
      params: ProvisioningCompanyParams,
      responses: { 200: { description: 'What the sync did.', schema: InboxSyncResponse }, 404: companyMissing, 409: syncConflicts, ...providerTrouble },
      handle: async ({ params, principal, requestId }) => {
        const report = await useCases.syncSenderAccounts.execute({
          context: requestContextOf(principal, requestId),
          capability: 'email_outreach',
          companyId: params.company_id,
        });
        return { status: 200, body: toInboxSyncResponse(report) };
      },
    }),
    defineRoute({
      method: 'post',
      path: LINKEDIN,
      operationId: 'provision_linkedin_outreach',
      summary: "Connect a company's LinkedIn outreach: verify the organization's key with the provider.",
      description: 'Same rules as email outreach; LinkedIn providers have no client mapping.',
      tags: TAGS,
      auth: 'super_admin',
      params: ProvisioningCompanyParams,
      body: LinkedInOutreachProvisionRequest,
      responses: { 200: { description: 'Where provisioning now stands.', schema: LinkedInOutreachProvisionResponse }, 404: companyMissing, 409: provisionConflicts, ...providerTrouble },
      handle: async ({ params, body, principal, requestId }) => {
        const status = await useCases.provisionCapability.execute({
          context: requestContextOf(principal, requestId),
          capability: 'linkedin_outreach',
          companyId: params.company_id,
          providerSlug: body.provider,
          clientIdField: 'client_id',
        });
        return { status: 200, body: toLinkedInOutreachProvisionResponse(status) };
      },
    }),
    defineRoute({
      method: 'get',
      path: `${LINKEDIN}/status`,
      operationId: 'get_linkedin_outreach_provisioning_status',
      summary: "Where a company's LinkedIn outreach provisioning stands (no provider call).",
      tags: TAGS,
      auth: 'super_admin',
      params: ProvisioningCompanyParams,
      responses: {
        200: { description: 'Current state.', schema: LinkedInOutreachProvisionResponse },
        404: companyMissing,
        409: { description: '`capability_not_entitled`.', schema: ErrorEnvelopeSchema },
      },
      handle: async ({ params }) => {
        const status = await useCases.getProvisioningStatus.execute({ capability: 'linkedin_outreach', companyId: params.company_id });
        return { status: 200, body: toLinkedInOutreachProvisionResponse(status) };
      },
    }),
    defineRoute({
      method: 'post',
      path: `${LINKEDIN}/sync-accounts`,
      operationId: 'sync_linkedin_outreach_accounts',
      summary: "Copy the company's LinkedIn sender accounts from its provider.",
      tags: TAGS,
      auth: 'super_admin',
      params: ProvisioningCompanyParams,
      responses: { 200: { description: 'What the sync did.', schema: LinkedInAccountSyncResponse }, 404: companyMissing, 409: syncConflicts, ...providerTrouble },
      handle: async ({ params, principal, requestId }) => {
        const report = await useCases.syncSenderAccounts.execute({
          context: requestContextOf(principal, requestId),
          capability: 'linkedin_outreach',
          companyId: params.company_id,
        });
        return { status: 200, body: toLinkedInAccountSyncResponse(report) };
      },
    }),
  ];
}
