import { z } from 'zod';
import { pageQueryFields } from '../routing/paged-response.js';
import type { ApiToken } from '../../../domain/identity/api-token.js';
import { API_TOKEN_NAME_MAX_LENGTH } from '../../../domain/identity/api-token.js';

export const ApiTokenCollectionParams = z.strictObject({ org_id: z.uuid() });
export const ApiTokenItemParams = z.strictObject({ org_id: z.uuid(), token_id: z.uuid() });

export const TokenCreateRequest = z
  .strictObject({
    user_id: z.uuid().describe('A live user of the organization; the token acts as that user.'),
    name: z.string().max(API_TOKEN_NAME_MAX_LENGTH).nullish().describe('A label to recognise the token by.'),
    expires_at: z.iso.datetime({ offset: true }).nullish().describe('Absent or null: the token never expires.'),
  })
  .meta({ id: 'TokenCreateRequest' });

export const TokenCreateResponse = z
  .object({
    id: z.uuid(),
    token: z.string().describe('The raw token. Shown this once; only its SHA-256 hash is stored.'),
    user_id: z.uuid(),
    name: z.string().nullable(),
    expires_at: z.iso.datetime().nullable(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'TokenCreateResponse' });

export const TokenResponse = z
  .object({
    id: z.uuid(),
    user_id: z.uuid(),
    name: z.string().nullable(),
    status: z.enum(['active', 'expired', 'revoked']),
    expires_at: z.iso.datetime().nullable(),
    last_used_at: z.iso.datetime().nullable(),
    revoked_at: z.iso.datetime().nullable(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'TokenResponse' });

export const TokenList = z.array(TokenResponse).meta({ id: 'TokenList' });

export const TokenListQuery = z.strictObject({
  ...pageQueryFields,
});

export function toTokenCreateResponse(token: ApiToken, raw: string): z.output<typeof TokenCreateResponse> {
  return {
    id: token.id,
    token: raw,
    user_id: token.userId,
    name: token.name,
    expires_at: token.expiresAt?.toISOString() ?? null,
    created_at: token.createdAt.toISOString(),
  };
}

/** Never the hash: what leaves the building is a whitelist. */
export function toTokenResponse(token: ApiToken, now: Date): z.output<typeof TokenResponse> {
  const rejection = token.rejectionAt(now);
  return {
    id: token.id,
    user_id: token.userId,
    name: token.name,
    status: rejection ?? 'active',
    expires_at: token.expiresAt?.toISOString() ?? null,
    last_used_at: token.lastUsedAt?.toISOString() ?? null,
    revoked_at: token.revokedAt?.toISOString() ?? null,
    created_at: token.createdAt.toISOString(),
  };
}
