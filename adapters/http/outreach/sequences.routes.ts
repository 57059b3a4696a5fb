import type { GetCampaignSequence } from '../../../application/outreach/sequences/get-campaign-sequence.js';
import type { GetSequenceVersion } from '../../../application/outreach/sequences/get-sequence-version.js';
import type { ListSequenceVersions } from '../../../application/outreach/sequences/list-sequence-versions.js';
import type { SaveCampaignSequence } from '../../../application/outreach/sequences/save-campaign-sequence.js';
import { requestContextOf } from '../auth/request-context-of.js';
import { ErrorEnvelopeSchema } from '../openapi/error-envelope.schema.js';
import { pagedResult, pagedResponseSpec } from '../routing/paged-response.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { campaignCallerOf } from './campaign-caller-of.js';
import { CampaignIdParams } from './campaign.schemas.js';
import { campaignNotFound, capabilityErrors } from './outreach-error-responses.js';
import {
  CampaignSequenceResponse,
  CampaignSequenceUpsertRequest,
  SequenceVersionList,
  SequenceVersionListQuery,
  SequenceVersionParams,
  SequenceVersionResponse,
  toCampaignSequenceResponse,
  toSequenceDrafts,
  toSequenceVersionResponse,
  toSequenceVersionSummaryResponse,
} from './sequence.schemas.js';

export interface SequenceUseCases {
  readonly getCampaignSequence: GetCampaignSequence;
  readonly saveCampaignSequence: SaveCampaignSequence;
  readonly listSequenceVersions: ListSequenceVersions;
  readonly getSequenceVersion: GetSequenceVersion;
}

const TAGS = ['campaigns'];

export function sequenceRoutes(useCases: SequenceUseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/campaigns/{campaign_id}/sequence',
      operationId: 'get_campaign_sequence',
      summary: "A campaign's email sequence.",
      description:
        'Read live from the capability (`source: provider`). When the capability cannot be read, the latest saved version answers ' +
        'instead (`source: snapshot`, with `stale_reason`); only when no version was ever saved does the failure itself answer. ' +
        'A campaign not yet created at the capability answers its snapshot, or an empty sequence with `version: null`.',
      tags: TAGS,
      auth: 'tenant',
      permission: 'campaigns.read',
      params: CampaignIdParams,
      responses: {
        200: { description: 'The sequence and where it was read from.', schema: CampaignSequenceResponse },
        404: campaignNotFound,
        409: { description: "No saved version, and the company's email outreach capability is not entitled/connected.", schema: ErrorEnvelopeSchema },
        ...capabilityErrors,
      },
      handle: async ({ params, principal }) => ({
        status: 200,
        body: toCampaignSequenceResponse(await useCases.getCampaignSequence.execute({ caller: campaignCallerOf(principal), campaignId: params.campaign_id })),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/campaigns/{campaign_id}/sequence',
      operationId: 'save_campaign_sequence',
      summary: "Replace a campaign's whole email sequence.",
      description:
        'Stored at the capability first, then recorded locally as the next version (1, 2, 3…). If the capability fails (502/503) ' +
        'nothing is recorded and the same request can be retried. Only DRAFTED and PAUSED campaigns take a new sequence: pause an ' +
        'ACTIVE one first. The answer is the sequence as the capability stored it (`source: provider`).',
      tags: TAGS,
      auth: 'tenant',
      permission: 'campaigns.write',
      params: CampaignIdParams,
      body: CampaignSequenceUpsertRequest,
      responses: {
        200: { description: 'The stored sequence and its new version number.', schema: CampaignSequenceResponse },
        400: {
          description: 'The steps do not fit together (`invalid_sequence`): numbering, first-step delay or subject, variant labels or shares; `errors` locates each problem.',
          schema: ErrorEnvelopeSchema,
        },
        404: campaignNotFound,
        409: {
          description:
            'The campaign is ACTIVE, STOPPED or COMPLETED (`sequence_locked`), the capability is not entitled/connected, or a concurrent save took the version (`sequence_version_conflict`).',
          schema: ErrorEnvelopeSchema,
        },
        ...capabilityErrors,
      },
      handle: async ({ params, body, principal, requestId }) => ({
        status: 200,
        body: toCampaignSequenceResponse(
          await useCases.saveCampaignSequence.execute({
            context: requestContextOf(principal, requestId),
            caller: campaignCallerOf(principal),
            campaignId: params.campaign_id,
            steps: toSequenceDrafts(body),
          }),
        ),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/campaigns/{campaign_id}/sequence/versions',
      operationId: 'list_campaign_sequence_versions',
      summary: "The saved versions of a campaign's sequence, newest first.",
      description: 'Served locally; keyset-paginated through X-Next-Cursor. Fetch one version for its steps.',
      tags: TAGS,
      auth: 'tenant',
      permission: 'campaigns.read',
      params: CampaignIdParams,
      query: SequenceVersionListQuery,
      responses: { 200: pagedResponseSpec('One page of versions.', SequenceVersionList), 404: campaignNotFound },
      handle: async ({ params, query, principal }) =>
        pagedResult(
          await useCases.listSequenceVersions.execute({ caller: campaignCallerOf(principal), campaignId: params.campaign_id, limit: query.limit, after: query.after }),
          toSequenceVersionSummaryResponse,
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/api/campaigns/{campaign_id}/sequence/versions/{version}',
      operationId: 'get_campaign_sequence_version',
      summary: "One saved version of a campaign's sequence, steps included.",
      tags: TAGS,
      auth: 'tenant',
      permission: 'campaigns.read',
      params: SequenceVersionParams,
      responses: {
        200: { description: 'The version.', schema: SequenceVersionResponse },
        404: { description: 'No live campaign you may see has this id, or it has no such version (`sequence_version_not_found`).', schema: ErrorEnvelopeSchema },
      },
      handle: async ({ params, principal }) => ({
        status: 200,
        body: toSequenceVersionResponse(
          await useCases.getSequenceVersion.execute({ caller: campaignCallerOf(principal), campaignId: params.campaign_id, version: params.version }),
        ),
      }),
    }),
  ];
}
