import type { ListInboxes } from '../../../application/outreach/list-inboxes.js';
import type { ListLinkedInAccounts } from '../../../application/outreach/list-linkedin-accounts.js';
import type { SenderAccountListQuery as ListQuery } from '../../../application/outreach/sender-account-list-query.js';
import type { TenantPrincipal } from '../auth/principal.js';
import { ErrorEnvelopeSchema } from '../openapi/error-envelope.schema.js';
import { pagedResult, pagedResponseSpec } from '../routing/paged-response.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import {
  InboxList,
  LinkedInAccountList,
  SenderAccountListQuery,
  toInboxResponse,
  toLinkedInAccountResponse,
} from './sender-account.schemas.js';

export interface SenderAccountUseCases {
  readonly listInboxes: ListInboxes;
  readonly listLinkedInAccounts: ListLinkedInAccounts;
}

const scopeErrors = {
  400: {
    description: 'An org admin named neither company_id nor all_companies=true (`company_scope_required`), or both (`company_scope_conflict`).',
    schema: ErrorEnvelopeSchema,
  },
  403: { description: 'all_companies=true from a company user, or a role without inboxes.read.', schema: ErrorEnvelopeSchema },
  404: { description: 'company_id names no live company you may see.', schema: ErrorEnvelopeSchema },
  422: { description: 'A query parameter is invalid.', schema: ErrorEnvelopeSchema },
};

function listQuery(principal: TenantPrincipal, query: { company_id?: string | undefined; all_companies?: boolean | undefined; limit: number; after?: string | undefined }): ListQuery {
  return {
    orgId: principal.orgId,
    role: principal.role,
    callerCompanyId: principal.companyId,
    companyId: query.company_id,
    allCompanies: query.all_companies,
    limit: query.limit,
    after: query.after,
  };
}

export function senderAccountRoutes(useCases: SenderAccountUseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/inboxes/',
      operationId: 'list_inboxes',
      summary: 'List the email inboxes synced for companies you may see.',
      description: 'Served from the engine\'s copy (synced by provisioning); keyset-paginated through X-Next-Cursor.',
      tags: ['inboxes'],
      auth: 'tenant',
      permission: 'inboxes.read',
      query: SenderAccountListQuery,
      responses: { 200: pagedResponseSpec('One page of inboxes.', InboxList), ...scopeErrors },
      handle: async ({ query, principal }) => pagedResult(await useCases.listInboxes.execute(listQuery(principal, query)), toInboxResponse),
    }),
    defineRoute({
      method: 'get',
      path: '/api/linkedin/accounts/',
      operationId: 'list_linkedin_accounts',
      summary: 'List the LinkedIn sender accounts synced for companies you may see.',
      description: 'Served from the engine\'s copy (synced by provisioning); keyset-paginated through X-Next-Cursor.',
      tags: ['inboxes'],
      auth: 'tenant',
      permission: 'inboxes.read',
      query: SenderAccountListQuery,
      responses: { 200: pagedResponseSpec('One page of LinkedIn accounts.', LinkedInAccountList), ...scopeErrors },
      handle: async ({ query, principal }) =>
        pagedResult(await useCases.listLinkedInAccounts.execute(listQuery(principal, query)), toLinkedInAccountResponse),
    }),
  ];
}
