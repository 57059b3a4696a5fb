import { z } from 'zod';
import { LEAD_IMPORT_QUEUE } from '../../application/outreach/leads/lead-import-queue.js';
import type { RunLeadImport } from '../../application/outreach/leads/run-lead-import.js';
import type { JobQueueOptions, JobRegistration } from './job-registration.js';

/** Ids only: the leads themselves are already stored, so a job never carries personal data. */
const LeadImportPayload = z.object({ orgId: z.uuid(), campaignId: z.uuid(), importId: z.uuid() });

/**
 * Lead imports retry a passing provider outage with backoff (doubling from `retryDelaySeconds`,
 * capped at five minutes). At most one runs per campaign at a time across every worker
 * (`singleton`, keyed by campaign at enqueue): each also hands over the campaign's older pending
 * leads, and two at once would only offer the provider the same leads twice.
 */
export function leadImportJob(runLeadImport: RunLeadImport, retry: { readonly retryLimit: number; readonly retryDelaySeconds: number }): JobRegistration {
  const options: JobQueueOptions = { ...retry, retryBackoff: true, retryDelayMaxSeconds: 300, policy: 'singleton' };
  return {
    queue: LEAD_IMPORT_QUEUE,
    options,
    handler: async (payload, context) => {
      const job = LeadImportPayload.parse(payload);
      const result = await runLeadImport.execute({ ...job, lastAttempt: context.lastAttempt, signal: context.signal });
      // Thrown only when another attempt should follow: the queue's backoff schedules it.
      if (result.failure && result.retrying) throw result.failure;
    },
  };
}
