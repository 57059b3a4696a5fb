import type { MikroORM } from '@mikro-orm/postgresql';
import type { WebhookEndpointRepository } from '../../../application/webhooks/webhook-endpoint.repository.js';
import type { WebhookEndpoint } from '../../../domain/webhooks/webhook-endpoint.js';
import { executeSql } from '../shared/execute-sql.js';
import { isUuid } from '../shared/uuid.js';

type Row = Record<string, unknown>;

const SELECT = `select e.*, p.slug as provider_slug from webhook_endpoints e join providers p on p.id = e.provider_id`;

/**
 * The condition a delivery's token must meet, over `webhook_endpoints e`; parameters: the token's
 * hash, the provider id. Shared with the event store, which finds the endpoint in the statement
 * that stores the event: one rule for both, so revocation means the same thing to each.
 */
export const ACTIVE_ENDPOINT_OF_TOKEN = `e.token_hash = ? and e.provider_id = ? and e.status = 'active'
  and exists (select 1 from organizations o where o.id = e.org_id and o.deleted_at is null)`;

/** `webhook_endpoints`: tokens are looked up by their SHA-256, one indexed equality. */
export class PostgresWebhookEndpointRepository implements WebhookEndpointRepository {
  constructor(private readonly orm: MikroORM) {}

  async add(endpoint: WebhookEndpoint, tokenHash: string): Promise<void> {
    await executeSql(
      this.orm,
      `insert into webhook_endpoints (id, org_id, provider_id, token_hash, status, created_at, revoked_at) values (?, ?, ?, ?, ?, ?, ?)`,
      [endpoint.id, endpoint.orgId, endpoint.providerId, tokenHash, endpoint.status, endpoint.createdAt, endpoint.revokedAt],
      'run',
    );
  }

  async findActiveByTokenHash(providerId: string, tokenHash: string): Promise<WebhookEndpoint | null> {
    const [row] = await executeSql(
      this.orm,
      `select e.*, p.slug as provider_slug from webhook_endpoints e
         join providers p on p.id = e.provider_id
        where ${ACTIVE_ENDPOINT_OF_TOKEN}`,
      [tokenHash, providerId],
    );
    return row ? toEndpoint(row) : null;
  }

  async listForOrganization(orgId: string): Promise<WebhookEndpoint[]> {
    const rows = await executeSql(this.orm, `${SELECT} where e.org_id = ? order by e.created_at desc, e.id desc`, [orgId]);
    return rows.map(toEndpoint);
  }

  async revoke(orgId: string, id: string, at: Date): Promise<WebhookEndpoint | null> {
    if (!isUuid(id)) return null;
    await executeSql(this.orm, `update webhook_endpoints set status = 'revoked', revoked_at = ? where org_id = ? and id = ? and status = 'active'`, [at, orgId, id], 'run');
    const [row] = await executeSql(this.orm, `${SELECT} where e.org_id = ? and e.id = ?`, [orgId, id]);
    return row ? toEndpoint(row) : null;
  }
}

function toEndpoint(row: Row): WebhookEndpoint {
  return {
    id: row['id'] as string,
    orgId: row['org_id'] as string,
    providerId: row['provider_id'] as string,
    providerSlug: row['provider_slug'] as string,
    status: row['status'] as WebhookEndpoint['status'],
    createdAt: new Date(row['created_at'] as string),
    revokedAt: row['revoked_at'] ? new Date(row['revoked_at'] as string) : null,
  };
}
