import type { PacingRule } from '../../../application/outreach/provider-call-pacer.port.js';

/** Where the real API lives, `/api/v1` included (providers.md §2.1); config may point elsewhere (the simulator). */
export const SMARTLEAD_DEFAULT_BASE_URL = 'https://server.smartlead.ai/api/v1';

/**
 * Smartlead limits per API key, all endpoints together, and the sources disagree (60/min in
 * SL-DOCS' Standard plan, 10 per 2 s in older docs, ~200/min measured live). The pacer keeps every
 * 60 s window at or under `limit`, bursts included, so 50 stays under the strictest reading with
 * room for clock skew between the engine and Smartlead; bursts of 5 match providers.md's advice.
 */
export const SMARTLEAD_PACING: PacingRule = Object.freeze({ limit: 50, windowMs: 60_000, burst: 5 });

/** `GET /email-accounts/` and `GET /campaigns/{id}/leads` refuse more than 100 per page. */
export const SMARTLEAD_PAGE_LIMIT = 100;

/** `POST /campaigns/{id}/leads`: older docs and every client say 100, SL-DOCS now 400 ([CONFLICT]); 100 is the safe side. */
export const SMARTLEAD_LEADS_PER_CALL = 100;
