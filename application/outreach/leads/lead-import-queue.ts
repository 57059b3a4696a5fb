/**
 * The background queue lead imports run on, and what each of its jobs carries (ids only). Jobs are
 * keyed by campaign (`singletonKey`), so one campaign's imports run one after another.
 */
export const LEAD_IMPORT_QUEUE = 'lead-import';

export type LeadImportJobPayload = {
  readonly orgId: string;
  readonly campaignId: string;
  readonly importId: string;
};
