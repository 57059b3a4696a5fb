/**
 * - `queued`: stored with its leads, waiting for a worker (or for a retry after a failed attempt);
 * - `running`: a worker is handing the leads to the provider;
 * - `completed`: every lead was handed over (some may have been refused: `rejectedByProvider`);
 * - `failed`: the provider kept failing or refused the request; the leads stay stored as pending
 *   and the next import of the campaign (or a retry) hands them over.
 */
export const LEAD_IMPORT_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type LeadImportStatus = (typeof LEAD_IMPORT_STATUSES)[number];

/** One request to add leads to a campaign, and how far it got. */
export interface LeadImport {
  readonly id: string;
  readonly orgId: string;
  readonly companyId: string;
  readonly campaignId: string;
  readonly status: LeadImportStatus;
  /** Leads in the request. */
  readonly submitted: number;
  /** Stored as new leads of the campaign. */
  readonly added: number;
  readonly duplicatesInRequest: number;
  readonly alreadyInCampaign: number;
  /** On the company's suppression list: skipped. */
  readonly suppressed: number;
  /** Handed to the provider so far. */
  readonly pushed: number;
  readonly rejectedByProvider: number;
  readonly attempts: number;
  /** Why the last attempt failed, in capability terms. */
  readonly lastError: string | null;
  readonly createdByUserId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
}
