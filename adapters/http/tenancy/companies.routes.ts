import type { CreateCompany } from '../../../application/tenancy/create-company.js';
import type { DeleteCompany } from '../../../application/tenancy/delete-company.js';
import type { GetCompany } from '../../../application/tenancy/get-company.js';
import type { ListCompanies } from '../../../application/tenancy/list-companies.js';
import type { UpdateCompany } from '../../../application/tenancy/update-company.js';
import { requestContextOf } from '../auth/request-context-of.js';
import { ErrorEnvelopeSchema } from '../openapi/error-envelope.schema.js';
import { pagedResult, pagedResponseSpec } from '../routing/paged-response.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import {
  CompanyCreate,
  CompanyIdParams,
  CompanyList,
  CompanyListQuery,
  CompanyResponse,
  CompanyUpdate,
  companyUpdateIsEmpty,
  toCompanyResponse,
} from './company.schemas.js';
import { EmptyUpdateError } from './empty-update-error.js';

export interface CompanyUseCases {
  readonly createCompany: CreateCompany;
  readonly listCompanies: ListCompanies;
  readonly getCompany: GetCompany;
  readonly updateCompany: UpdateCompany;
  readonly deleteCompany: DeleteCompany;
}

const COLLECTION = '/api/companies/';
const ITEM = '/api/companies/{company_id}';
const TAGS = ['companies'];
const PERMISSION = 'org.manage_companies';

const notFound = { description: 'No live company of your organization has this id.', schema: ErrorEnvelopeSchema };
const nameTaken = { description: 'Another live company of the organization has this name.', schema: ErrorEnvelopeSchema };

export function companyRoutes(useCases: CompanyUseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: COLLECTION,
      operationId: 'create_company',
      summary: 'Create a company in the caller\'s organization.',
      tags: TAGS,
      auth: 'tenant',
      permission: PERMISSION,
      body: CompanyCreate,
      responses: { 201: { description: 'Created.', schema: CompanyResponse }, 409: nameTaken },
      handle: async ({ body, principal, requestId }) => {
        const company = await useCases.createCompany.execute({
          context: requestContextOf(principal, requestId),
          orgId: principal.orgId,
          name: body.name,
          domain: body.domain,
        });
        return { status: 201, body: toCompanyResponse(company) };
      },
    }),
    defineRoute({
      method: 'get',
      path: COLLECTION,
      operationId: 'list_companies',
      summary: 'List the live companies of the caller\'s organization, oldest first.',
      description: 'Keyset-paginated: when more remain, the X-Next-Cursor header holds the `after` value for the next page.',
      tags: TAGS,
      auth: 'tenant',
      permission: PERMISSION,
      query: CompanyListQuery,
      responses: {
        200: pagedResponseSpec('One page of companies.', CompanyList),
      },
      handle: async ({ query, principal }) => {
        const page = await useCases.listCompanies.execute({ orgId: principal.orgId, limit: query.limit, after: query.after });
        return pagedResult(page, toCompanyResponse);
      },
    }),
    defineRoute({
      method: 'get',
      path: ITEM,
      operationId: 'get_company',
      summary: 'Get one company.',
      tags: TAGS,
      auth: 'tenant',
      permission: PERMISSION,
      params: CompanyIdParams,
      responses: { 200: { description: 'The company.', schema: CompanyResponse }, 404: notFound },
      handle: async ({ params, principal }) => {
        const company = await useCases.getCompany.execute({ orgId: principal.orgId, companyId: params.company_id });
        return { status: 200, body: toCompanyResponse(company) };
      },
    }),
    defineRoute({
      method: 'put',
      path: ITEM,
      operationId: 'update_company',
      summary: 'Rename a company, change its domain or status.',
      description: 'A body naming no change is refused with 400 `empty_update`; `domain: null` clears the domain.',
      tags: TAGS,
      auth: 'tenant',
      permission: PERMISSION,
      params: CompanyIdParams,
      body: CompanyUpdate,
      responses: {
        200: { description: 'Updated.', schema: CompanyResponse },
        400: { description: 'Nothing to change.', schema: ErrorEnvelopeSchema },
        404: notFound,
        409: nameTaken,
      },
      handle: async ({ params, body, principal, requestId }) => {
        if (companyUpdateIsEmpty(body)) throw new EmptyUpdateError();
        const company = await useCases.updateCompany.execute({
          context: requestContextOf(principal, requestId),
          orgId: principal.orgId,
          companyId: params.company_id,
          changes: { name: body.name ?? undefined, domain: body.domain, status: body.status ?? undefined },
        });
        return { status: 200, body: toCompanyResponse(company) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: ITEM,
      operationId: 'delete_company',
      summary: 'Soft-delete a company together with its users.',
      tags: TAGS,
      auth: 'tenant',
      permission: PERMISSION,
      params: CompanyIdParams,
      responses: { 204: { description: 'Deleted.' }, 404: notFound },
      handle: async ({ params, principal, requestId }) => {
        await useCases.deleteCompany.execute({
          context: requestContextOf(principal, requestId),
          orgId: principal.orgId,
          companyId: params.company_id,
        });
        return { status: 204 };
      },
    }),
  ];
}
