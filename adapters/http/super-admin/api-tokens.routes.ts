import type { IssueApiToken } from '../../../application/identity/issue-api-token.js';
import type { ListApiTokens, RevokeApiToken } from '../../../application/identity/manage-api-tokens.js';
import type { Clock } from '../../../application/shared/clock.port.js';
import { requestContextOf } from '../auth/request-context-of.js';
import { ErrorEnvelopeSchema } from '../openapi/error-envelope.schema.js';
import { pagedResult, pagedResponseSpec } from '../routing/paged-response.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import {
  ApiTokenCollectionParams,
  ApiTokenItemParams,
  TokenCreateRequest,
  TokenCreateResponse,
  TokenList,
  TokenListQuery,
  toTokenCreateResponse,
  toTokenResponse,
} from './api-token.schemas.js';

export interface ApiTokenUseCases {
  readonly issueApiToken: IssueApiToken;
  readonly listApiTokens: ListApiTokens;
  readonly revokeApiToken: RevokeApiToken;
  readonly clock: Clock;
}

const COLLECTION = '/api/super-admin/organizations/{org_id}/api-tokens';
const TAGS = ['super-admin'];

export function apiTokenRoutes(useCases: ApiTokenUseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: COLLECTION,
      operationId: 'issue_api_token',
      summary: 'Issue an API token that authenticates as one user of the organization.',
      description: 'The raw token is in this response only; store it now. Tenants cannot manage tokens themselves.',
      tags: TAGS,
      auth: 'super_admin',
      params: ApiTokenCollectionParams,
      body: TokenCreateRequest,
      responses: {
        201: { description: 'Issued.', schema: TokenCreateResponse },
        404: { description: 'No live organization, or no live user of it, has this id.', schema: ErrorEnvelopeSchema },
      },
      handle: async ({ params, body, principal, requestId }) => {
        const { token, raw } = await useCases.issueApiToken.execute({
          context: requestContextOf(principal, requestId),
          orgId: params.org_id,
          userId: body.user_id,
          name: body.name,
          expiresAt: body.expires_at ? new Date(body.expires_at) : null,
        });
        return { status: 201, body: toTokenCreateResponse(token, raw), headers: { 'Cache-Control': 'no-store' } };
      },
    }),
    defineRoute({
      method: 'get',
      path: COLLECTION,
      operationId: 'list_api_tokens',
      summary: "The organization's API tokens, revoked and expired ones included, oldest first.",
      tags: TAGS,
      auth: 'super_admin',
      params: ApiTokenCollectionParams,
      query: TokenListQuery,
      responses: {
        200: pagedResponseSpec('One page of tokens (never their values).', TokenList),
        404: { description: 'No live organization has this id.', schema: ErrorEnvelopeSchema },
      },
      handle: async ({ params, query }) => {
        const page = await useCases.listApiTokens.execute({ orgId: params.org_id, page: { limit: query.limit, after: query.after } });
        const now = useCases.clock.now();
        return pagedResult(page, (token) => toTokenResponse(token, now));
      },
    }),
    defineRoute({
      method: 'delete',
      path: `${COLLECTION}/{token_id}`,
      operationId: 'revoke_api_token',
      summary: 'Revoke an API token; it stops authenticating on its next request. Revoking twice is harmless.',
      tags: TAGS,
      auth: 'super_admin',
      params: ApiTokenItemParams,
      responses: {
        204: { description: 'Revoked.' },
        404: { description: 'The organization has no token with this id.', schema: ErrorEnvelopeSchema },
      },
      handle: async ({ params, principal, requestId }) => {
        await useCases.revokeApiToken.execute({ context: requestContextOf(principal, requestId), orgId: params.org_id, tokenId: params.token_id });
        return { status: 204 };
      },
    }),
  ];
}
