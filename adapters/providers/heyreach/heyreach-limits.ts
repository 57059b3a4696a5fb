import type { PacingRule } from '../../../application/outreach/provider-call-pacer.port.js';

/** Where the real API lives (providers.md §3.1); config may point elsewhere (the simulator). */
export const HEYREACH_DEFAULT_BASE_URL = 'https://api.heyreach.io/api/public';

/**
 * 300 requests/min per API key (HR-CLI, providers.md §3.1; not officially confirmed). Bursts are
 * kept small so a bulk import spreads over the minute instead of spending the budget at once.
 */
export const HEYREACH_PACING: PacingRule = Object.freeze({ limit: 300, windowMs: 60_000, burst: 10 });

/** Every `{offset, limit}` list endpoint refuses more than 100 per page. */
export const HEYREACH_PAGE_LIMIT = 100;

/** `AddLeadsToCampaignV2`: HR-CLI says 100, an older MCP doc 1,000 ([CONFLICT]); 100 is the safe side. */
export const HEYREACH_ADD_LEADS_BATCH = 100;

/** `campaign/Create` accepts names of 1–50 characters. */
export const HEYREACH_CAMPAIGN_NAME_MAX = 50;

/** CONNECTION_REQUEST and END nodes are refused below 3 hours ("invalid delay: 00:00:00"). */
export const HEYREACH_MIN_NODE_DELAY_HOURS = 3;
