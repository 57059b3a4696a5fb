import type { LeadImport } from '../../../domain/outreach/lead-import.js';

export type NewLeadImport = Omit<LeadImport, 'status' | 'pushed' | 'rejectedByProvider' | 'attempts' | 'lastError' | 'updatedAt' | 'startedAt' | 'finishedAt'>;

export interface LeadImportRepository {
  add(job: NewLeadImport): Promise<void>;
  findById(orgId: string, campaignId: string, id: string): Promise<LeadImport | null>;
  markRunning(orgId: string, id: string, at: Date): Promise<void>;
  /** Progress of one pushed chunk. */
  addProgress(orgId: string, id: string, progress: { readonly pushed: number; readonly rejected: number }, at: Date): Promise<void>;
  markCompleted(orgId: string, id: string, at: Date): Promise<void>;
  /** A failed attempt: `retrying` puts it back in the queue, otherwise it ends `failed`. */
  recordFailure(orgId: string, id: string, failure: { readonly reason: string; readonly retrying: boolean }, at: Date): Promise<void>;
}
