import { z } from 'zod';
import { SENDER_ACCOUNT_STATUSES, type Inbox, type LinkedInAccount } from '../../../domain/outreach/sender-account.js';
import { pageQueryFields } from '../routing/paged-response.js';
import { queryFlag } from '../routing/query-flag.js';

export const SenderAccountListQuery = z.strictObject({
  ...pageQueryFields,
  company_id: z.uuid().optional().describe('Org admins: the company to list (or all_companies=true). Company users: their own company only.'),
  all_companies: queryFlag.optional().describe('Org admins: every company of the organization. Company users get 403.'),
});

const statusReason = z
  .string()
  .nullable()
  .describe('Engine addition: why the account is inactive (a reported connection error, or what the last sync saw); null when active.');

/**
 * The reference contract's InboxResponse, plus `status_reason`. `provider_id` is an opaque
 * catalogue id, never a name.
 */
export const InboxResponse = z
  .object({
    id: z.uuid(),
    company_id: z.uuid(),
    provider_id: z.uuid(),
    external_account_id: z.string(),
    email: z.string(),
    display_name: z.string().nullable(),
    status: z.enum(SENDER_ACCOUNT_STATUSES),
    status_reason: statusReason,
    warmup_enabled: z.boolean().nullable(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'InboxResponse' });

export const InboxList = z.array(InboxResponse).meta({ id: 'InboxList' });

export const LinkedInAccountResponse = z
  .object({
    id: z.uuid(),
    company_id: z.uuid(),
    provider_id: z.uuid(),
    external_account_id: z.string(),
    display_name: z.string().nullable(),
    email: z.string().nullable(),
    profile_url: z.string().nullable(),
    status: z.enum(SENDER_ACCOUNT_STATUSES),
    status_reason: statusReason,
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'LinkedInAccountResponse' });

export const LinkedInAccountList = z.array(LinkedInAccountResponse).meta({ id: 'LinkedInAccountList' });

/** Whitelists what leaves the building: new fields on the model never leak by accident. */
export function toInboxResponse(inbox: Inbox): z.output<typeof InboxResponse> {
  return {
    id: inbox.id,
    company_id: inbox.companyId,
    provider_id: inbox.providerId,
    external_account_id: inbox.externalAccountId,
    email: inbox.email,
    display_name: inbox.displayName,
    status: inbox.status,
    status_reason: inbox.statusReason,
    warmup_enabled: inbox.warmupEnabled,
    updated_at: inbox.updatedAt.toISOString(),
  };
}

export function toLinkedInAccountResponse(account: LinkedInAccount): z.output<typeof LinkedInAccountResponse> {
  return {
    id: account.id,
    company_id: account.companyId,
    provider_id: account.providerId,
    external_account_id: account.externalAccountId,
    display_name: account.displayName,
    email: account.email,
    profile_url: account.profileUrl,
    status: account.status,
    status_reason: account.statusReason,
    updated_at: account.updatedAt.toISOString(),
  };
}
