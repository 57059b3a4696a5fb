import type { Inbox } from '../../domain/outreach/sender-account.js';
import type { Page } from '../shared/pagination.js';
import type { CompanyRepository } from '../tenancy/company.repository.js';
import { senderAccountScope, type SenderAccountListQuery } from './sender-account-list-query.js';
import type { SenderAccountRepository } from './sender-account.repository.js';

/** Synced email inboxes within the caller's read scope. Served locally: never a provider call. */
export class ListInboxes {
  constructor(
    private readonly companies: CompanyRepository,
    private readonly accounts: SenderAccountRepository,
  ) {}

  async execute(query: SenderAccountListQuery): Promise<Page<Inbox>> {
    const scope = await senderAccountScope(this.companies, query);
    return this.accounts.listInboxes(query.orgId, scope, { limit: query.limit, after: query.after });
  }
}
