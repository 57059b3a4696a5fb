import type { Entitlement } from '../../domain/entitlements/entitlement.js';
import { EntitlementNotFoundError } from '../../domain/entitlements/entitlement-errors.js';
import type { EntitlementRepository } from './entitlement.repository.js';

export interface GetEntitlementQuery {
  readonly orgId: string;
  readonly entitlementId: string;
}

export class GetEntitlement {
  constructor(private readonly entitlements: EntitlementRepository) {}

  async execute(query: GetEntitlementQuery): Promise<Entitlement> {
    const entitlement = await this.entitlements.findById(query.orgId, query.entitlementId);
    if (!entitlement) throw new EntitlementNotFoundError();
    return entitlement;
  }
}
