/**
 * Operations a capability port offers that some provider cannot perform. An adapter answers
 * `unsupported(...)` instead of pretending: the caller turns it into a clear refusal, never a
 * silent success.
 */
export type ProviderOperation =
  | 'pause_lead'
  | 'resume_lead'
  | 'stop_lead'
  | 'unsubscribe_lead'
  | 'stop_campaign'
  | 'save_sequence'
  | 'lead_messages';

export type ProviderOutcome =
  | { readonly supported: true }
  | { readonly supported: false; readonly operation: ProviderOperation };

export const DONE: ProviderOutcome = Object.freeze({ supported: true });

export function unsupported(operation: ProviderOperation): ProviderOutcome {
  return { supported: false, operation };
}
