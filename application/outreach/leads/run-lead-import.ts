import type { LeadImport } from '../../../domain/outreach/lead-import.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import type { Clock } from '../../shared/clock.port.js';
import { ProviderCallError } from '../provider-call-error.js';
import { describeProviderFailure } from '../provider-failure-description.js';
import type { LeadImportRepository } from './lead-import.repository.js';
import type { PushPendingLeads } from './push-pending-leads.js';

export interface RunLeadImportCommand {
  readonly orgId: string;
  readonly campaignId: string;
  readonly importId: string;
  /** No retry follows this attempt: a failure ends the import `failed`. */
  readonly lastAttempt: boolean;
  readonly signal?: AbortSignal;
}

export interface RunLeadImportResult {
  /** Null when the import no longer exists. */
  readonly import: LeadImport | null;
  /** Why this attempt failed; null when it completed. */
  readonly failure: ProviderCallError | DomainError | null;
  /** Whether another attempt will follow the failure. */
  readonly retrying: boolean;
}

/**
 * One attempt at an import: hands its leads to the provider with progress recorded per chunk,
 * then the campaign's leads that imports which failed earlier left pending, so the latest import
 * of a campaign always finishes their work (leads of imports still queued or running are theirs
 * to hand over, with their own progress). Safe to run again: only pending leads are ever pushed.
 */
export class RunLeadImport {
  constructor(
    private readonly imports: LeadImportRepository,
    private readonly push: PushPendingLeads,
    private readonly clock: Clock,
  ) {}

  async execute(command: RunLeadImportCommand): Promise<RunLeadImportResult> {
    const { orgId, campaignId, importId } = command;
    const existing = await this.imports.findById(orgId, campaignId, importId);
    if (!existing) return { import: null, failure: null, retrying: false };
    if (existing.status === 'completed') return { import: existing, failure: null, retrying: false };
    await this.imports.markRunning(orgId, importId, this.clock.now());
    try {
      await this.push.execute({
        orgId,
        campaignId,
        importId,
        signal: command.signal,
        onProgress: (progress) => this.imports.addProgress(orgId, importId, progress, this.clock.now()),
      });
      await this.push.execute({ orgId, campaignId, importId: null, signal: command.signal });
      await this.imports.markCompleted(orgId, importId, this.clock.now());
      return { import: await this.imports.findById(orgId, campaignId, importId), failure: null, retrying: false };
    } catch (error) {
      const failure = failureOf(error);
      if (!failure) throw error;
      // Only a passing outage is worth another attempt; a refusal or a missing entitlement is not.
      const retrying = !command.lastAttempt && failure instanceof ProviderCallError && failure.transient;
      await this.imports.recordFailure(orgId, importId, { reason: reasonOf(failure), retrying }, this.clock.now());
      return { import: await this.imports.findById(orgId, campaignId, importId), failure, retrying };
    }
  }
}

function failureOf(error: unknown): ProviderCallError | DomainError | null {
  return error instanceof ProviderCallError || error instanceof DomainError ? error : null;
}

function reasonOf(failure: ProviderCallError | DomainError): string {
  return failure instanceof ProviderCallError ? describeProviderFailure(failure).detail : failure.message;
}
