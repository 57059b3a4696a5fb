import { z } from 'zod';
import { COMPANY_DOMAIN_MAX_LENGTH, COMPANY_NAME_MAX_LENGTH, COMPANY_STATUSES, type Company } from '../../../domain/tenancy/company.js';
import { pageQueryFields } from '../routing/paged-response.js';

const Name = z.string().max(COMPANY_NAME_MAX_LENGTH).describe('Unique (case-insensitively) among the live companies of the organization.');
const Domain = z.string().max(COMPANY_DOMAIN_MAX_LENGTH).describe('Host name such as example.com; empty or null means none.');

export const CompanyIdParams = z.strictObject({ company_id: z.uuid() });

export const CompanyCreate = z.strictObject({ name: Name, domain: Domain.nullish() }).meta({ id: 'CompanyCreate' });

/** Absent leaves a field unchanged; `null` does too, except for `domain`, where it clears it. */
export const CompanyUpdate = z
  .strictObject({ name: Name.nullish(), domain: Domain.nullish(), status: z.enum(COMPANY_STATUSES).nullish() })
  .meta({ id: 'CompanyUpdate' });

export const CompanyListQuery = z.strictObject(pageQueryFields);

export const CompanyResponse = z
  .object({
    id: z.uuid(),
    org_id: z.uuid(),
    name: z.string(),
    domain: z.string().nullable(),
    status: z.enum(COMPANY_STATUSES),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'CompanyResponse' });

export const CompanyList = z.array(CompanyResponse).meta({ id: 'CompanyList' });

export type CompanyUpdateBody = z.output<typeof CompanyUpdate>;

/** Whether the body asks for any change at all (a bare `{}` or all-null body does not). */
export function companyUpdateIsEmpty(body: CompanyUpdateBody): boolean {
  return (body.name ?? undefined) === undefined && body.domain === undefined && (body.status ?? undefined) === undefined;
}

/** Whitelists what leaves the building: new fields on the entity never leak by accident. */
export function toCompanyResponse(company: Company): z.output<typeof CompanyResponse> {
  return {
    id: company.id,
    org_id: company.orgId,
    name: company.name,
    domain: company.domain,
    status: company.status,
    created_at: company.createdAt.toISOString(),
    updated_at: company.updatedAt.toISOString(),
  };
}
