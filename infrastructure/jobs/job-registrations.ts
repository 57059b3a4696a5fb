import type { Container } from 'inversify';
import type { JobRegistration } from '../../adapters/jobs/job-registration.js';
import { leadImportJob } from '../../adapters/jobs/lead-import-job.js';
import { webhookProjectionJob } from '../../adapters/jobs/webhook-projection-job.js';
import type { ProjectWebhookEvent } from '../../application/webhooks/project-webhook-event.js';
import type { RunLeadImport } from '../../application/outreach/leads/run-lead-import.js';
import type { Config } from '../config/config.js';
import { TOKENS as T } from '../container/tokens.js';

/**
 * Every queue this service runs, with its handler and retry policy. The server declares these
 * queues at start-up (so use cases can enqueue to them) and, with JOBS_ENABLED, runs the handlers.
 * A handler stays thin: parse the payload, call one use case from the container. For example:
 *
 * ```ts
 * {
 *   queue: 'lead-import',
 *   handler: (payload) => container.get<ImportLeads>(T.ImportLeads).execute(LeadImportPayload.parse(payload)),
 *   options: { retryLimit: 5, deadLetter: 'lead-import-dead-letter', policy: 'exclusive' },
 * }
 * ```
 */
export function jobRegistrations(container: Container): JobRegistration[] {
  const { jobs } = container.get<Config>(T.Config);
  return [
    leadImportJob(container.get<RunLeadImport>(T.RunLeadImport), {
      retryLimit: jobs.leadImportRetryLimit,
      retryDelaySeconds: jobs.leadImportRetryDelaySeconds,
    }),
    webhookProjectionJob(container.get<ProjectWebhookEvent>(T.ProjectWebhookEvent), {
      retryLimit: jobs.webhookProjectionRetryLimit,
      retryDelaySeconds: jobs.webhookProjectionRetryDelaySeconds,
      pollIntervalSeconds: jobs.webhookProjectionPollIntervalSeconds,
    }),
  ];
}
